// Deleting a tenant: Admins only, with its exact name typed; every tenant table loses the tenant's
// rows (its own log too), the platform log keeps the record, and members fall back elsewhere.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { tenantTableSecurity } from "@/db/catalog";
import { withSystem, withTenant, withUser } from "@/db/scopes";
import { addApprovedDomain } from "@/db/queries/approved-domains";
import { findLandingTenant, listTenantsOfUser } from "@/db/queries/tenants";
import { setLastTenant } from "@/db/queries/users";
import { flowRuns, flows, platformActivity, tenants } from "@/db/schema";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));

const { deleteTenant } = await import("@/app/t/[slug]/settings/actions");

const tenantExists = async (tenantId: string) =>
  (await withSystem((tx) => tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)))).length === 1;

/** Rows of this tenant in every table that has a tenant_id column (found in the catalog, so new tables count too). */
async function rowsLeftFor(tenantId: string): Promise<Record<string, number>> {
  const tables = (await tenantTableSecurity()).map((t) => t.table);
  return withTenant({ tenantId, userId: null }, async (tx) => {
    const left: Record<string, number> = {};
    for (const table of tables) {
      const result = await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenantId}`);
      left[table] = (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
    }
    return left;
  });
}

let tenant: { id: string; slug: string; name: string };
let other: { id: string; slug: string; name: string };
let admin: { id: string; email: string };
let member: { id: string; email: string };

beforeEach(async () => {
  tenant = await createTenant("doomed");
  other = await createTenant("survivor");
  admin = await createUser("admin");
  member = await createUser("member");
  await addMember(tenant.id, admin.id, ["admin"]);
  await addMember(tenant.id, member.id, ["editor"]);
  await addMember(other.id, member.id, ["viewer"]);
  await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
    await addApprovedDomain(tx, "doomed.example");
    const [flow] = await tx.insert(flows).values({ tenantId: tenant.id, name: "Nightly" }).returning();
    await tx.insert(flowRuns).values({ tenantId: tenant.id, flowId: flow!.id, status: "succeeded" });
  });
  await withUser({ userId: member.id }, (tx) => setLastTenant(tx, member.id, tenant.id));
});

describe("deleteTenant", () => {
  it("removes the tenant's rows from every tenant table and records the deletion in the platform log", async () => {
    const before = await rowsLeftFor(tenant.id);
    expect(before).toMatchObject({ memberships: 2, approved_domains: 1, flows: 1, flow_runs: 1 });
    signInAs(admin);
    expect(await deleteTenant(tenant.slug, null, { confirmName: tenant.name })).toEqual({ ok: true, data: null });

    expect(await tenantExists(tenant.id)).toBe(false);
    const after = await rowsLeftFor(tenant.id);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [table, n] of Object.entries(after)) expect(n, table).toBe(0);
    expect(await rowsLeftFor(other.id)).toMatchObject({ memberships: 1 });

    const records = await platformLogWhere(and(eq(platformActivity.action, "tenant.deleted"), eq(platformActivity.subjectTenantId, tenant.id)));
    expect(records).toMatchObject([{ actorUserId: admin.id, actorEmail: admin.email, tenantName: tenant.name }]);
  });

  it("takes the tenant out of its members' switcher at once; their landing falls back to another tenant or none", async () => {
    signInAs(admin);
    await deleteTenant(tenant.slug, null, { confirmName: tenant.name });
    const memberView = await withUser({ userId: member.id }, async (tx) => ({
      tenants: await listTenantsOfUser(tx, member.id),
      landing: await findLandingTenant(tx, member.id),
    }));
    expect(memberView.tenants.map((t) => t.id)).toEqual([other.id]);
    expect(memberView.landing?.id).toBe(other.id);
    expect(await withUser({ userId: admin.id }, (tx) => findLandingTenant(tx, admin.id))).toBeNull();
  });

  it.each([
    ["a different name", (name: string) => `${name} Ltd`],
    ["the name in other case", (name: string) => name.toUpperCase()],
    ["the name with spaces around it", (name: string) => ` ${name} `],
    ["nothing", () => ""],
  ])("refuses %s typed as confirmation, with a message on the field, deleting nothing", async (_label, typed) => {
    signInAs(admin);
    expect(await deleteTenant(tenant.slug, null, { confirmName: typed(tenant.name) })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { confirmName: [expect.stringContaining(tenant.name)] },
    });
    expect(await tenantExists(tenant.id)).toBe(true);
  });

  it.each([
    ["an Editor", "member", "FORBIDDEN"],
    ["a Viewer", "viewer", "FORBIDDEN"],
    ["an Admin of another tenant", "adminElsewhere", "NOT_FOUND"],
    ["a signed-out caller", null, "UNAUTHENTICATED"],
  ] as const)("refuses %s and deletes nothing", async (_label, who, code) => {
    const callers = {
      member,
      viewer: await createUser("viewer"),
      adminElsewhere: await createUser("admin-elsewhere"),
    };
    await addMember(tenant.id, callers.viewer.id, ["viewer"]);
    await addMember(other.id, callers.adminElsewhere.id, ["admin"]);
    const before = await rowsLeftFor(tenant.id);
    signInAs(who ? callers[who] : null, "password");
    expect(await deleteTenant(tenant.slug, null, { confirmName: tenant.name })).toMatchObject({ ok: false, code });
    expect(await tenantExists(tenant.id)).toBe(true);
    expect(await rowsLeftFor(tenant.id)).toEqual(before);
  });
});
