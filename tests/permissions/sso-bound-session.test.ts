// The action × caller matrix's row for a session that a tenant's single sign-on opened, bound to that
// tenant (sessions.sso_tenant_id; lib/sso/session-binding.ts). The caller is an Admin of BOTH tenants
// whose session B's single sign-on opened: as a member of A they would be allowed everything there, so
// every refusal below is the binding's doing. Every tenant action the app defines (found on disk: a
// new one is covered without editing this file) is refused in A inside the writing transaction, even
// with an actor forged for A, and writes nothing; through the server actions A answers "sign in" while
// B, the session's own tenant, lets the same session act as its role allows. (The admin-only matrix,
// tests/support/admin-only-matrix.ts, has the same caller as a row of its own.)
import { beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, flows } from "@/db/schema";
import { insertPackage } from "@/db/queries/packages";
import { NOT_FOUND_MESSAGE, registeredActions } from "@/lib/actions/core";
import { performTenantAction } from "@/lib/actions/tenant-action";
import type { Actor } from "@/lib/caller";
import { deployPackageToTenant } from "@/lib/packages/deploy-to-tenant";
import { SSO_BOUND_ELSEWHERE_MESSAGE } from "@/lib/sso/session-binding";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { tenantActionDefinitions } from "../support/tenant-action-definitions";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const { createFlow } = await import("@/app/t/[slug]/flows/actions");
const { updateGeneralSettings } = await import("@/app/t/[slug]/settings/actions");
const { createDataTable } = await import("@/app/t/[slug]/tables/actions");

type Tenant = Awaited<ReturnType<typeof createTwoTenants>>["a"];
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let adminOfBoth: { id: string; email: string };

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  adminOfBoth = await createUser("admin-of-both");
  await addMember(world.a.id, adminOfBoth.id, ["admin"]);
  await addMember(world.b.id, adminOfBoth.id, ["admin"]);
});

/** The session as the write core would see it in `tenant` had the actor lookup let it through: Admin, bound to `boundTo`. */
function boundActor(tenant: Tenant, boundTo: string): Actor {
  return {
    user: { ...adminOfBoth, authMethod: "saml", twoFactorEnabled: true, ssoTenantId: boundTo },
    tenant: { ...tenant, magicLinkEnabled: true, license: "enterprise", twoFactorRequired: "off", archivedAt: null },
    membershipId: null,
    roles: ["admin"],
    viewersSeeDashboardsOnly: false,
    viaSuperadmin: false,
  };
}

const entriesIn = async (tenantId: string) =>
  (await withTenant({ tenantId, userId: null }, (tx) => tx.select({ value: count() }).from(activity).where(eq(activity.tenantId, tenantId))))[0]!.value;

describe("a session bound by single sign-on to another tenant", () => {
  it("is refused every tenant action in the registry inside the writing transaction (NOT_FOUND), and nothing is written", async () => {
    const definitions = await tenantActionDefinitions();
    const registeredTenantActions = [...registeredActions].filter(([, entry]) => entry.scope === "tenant").map(([name]) => name);
    // The one tenant action with a path of its own (lib/packages/deploy-to-tenant.ts) is the next test's.
    expect(registeredTenantActions.filter((name) => !definitions.has(name))).toEqual(["package.deploy_to_tenant"]);
    expect(definitions.size).toBeGreaterThan(30);
    const before = await entriesIn(world.a.id);
    const actor = boundActor(world.a, world.b.id);
    const outcomes: Record<string, string> = {};
    for (const [name, definition] of definitions) {
      // The refusal comes before the action's own work: any input shows it.
      outcomes[name] = await performTenantAction(definition, { actor, ip: null }, {} as never).then(
        () => "ran",
        (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
      );
    }
    expect(Object.entries(outcomes).filter(([, outcome]) => outcome !== `NOT_FOUND: ${NOT_FOUND_MESSAGE}`)).toEqual([]);
    expect(await entriesIn(world.a.id)).toBe(before);
  });

  it("cannot deploy a package of its own tenant into the other one", async () => {
    const flowId = crypto.randomUUID();
    const contents = [{ flowId, version: 1, name: `packaged-${uniqueSuffix()}`, steps: ["validate"] }];
    const pkg = await withTenant({ tenantId: world.b.id, userId: null }, (tx) => insertPackage(tx, { name: `pkg-${uniqueSuffix()}`, environment: "production", createdBy: null }, contents));
    await expect(deployPackageToTenant(boundActor(world.b, world.b.id), boundActor(world.a, world.b.id), null, { packageId: pkg.id, environment: "production" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.id, flowId)))).toEqual([]);
  });

  it("is asked to sign in by the other tenant's server actions, and acts as its role allows in its own", async () => {
    const bound = { ...adminOfBoth, ssoTenantId: world.b.id };
    const before = await entriesIn(world.a.id);
    const refused = { ok: false, code: "UNAUTHENTICATED", message: SSO_BOUND_ELSEWHERE_MESSAGE };
    expect(await actingAs(bound, () => updateGeneralSettings(world.a.slug, null, { name: "Taken over", contactEmail: "" }))).toMatchObject(refused);
    expect(await actingAs(bound, () => createFlow(world.a.slug, null, { name: "Planted", steps: ["validate"] }))).toMatchObject(refused);
    expect(await actingAs(bound, () => createDataTable(world.a.slug, null, { name: "Planted", columns: [{ name: "Note", type: "text" }] }))).toMatchObject(refused);
    expect(await entriesIn(world.a.id)).toBe(before);
    // In B, the tenant that opened the session: an Admin's actions go through.
    expect(await actingAs(bound, () => createFlow(world.b.slug, null, { name: "Own flow", steps: ["validate"] }))).toMatchObject({ ok: true });
    // The same account's own (unbound) session may act in A: the binding is what keeps A closed.
    expect(await actingAs(adminOfBoth, () => createFlow(world.a.slug, null, { name: "Own flow", steps: ["validate"] }))).toMatchObject({ ok: true });
  });
});
