// "Viewers see dashboards only" (issue 14, item 4): computed once, where permissions are (lib/permissions.ts).
// A caller whose only group is Viewer loses exactly flows.read, tables.read, connections.read and
// credentials.read; one with Editor, Admin or any custom group keeps them; a Viewer API key loses them
// too. Then the pages, the write core, the access review and the switch itself, each read as now.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { tenants, activity } from "@/db/schema";
import { insertFlow } from "@/db/queries/flows";
import { insertDataTable } from "@/db/queries/data-tables";
import { insertGroup, insertGroupMember } from "@/db/queries/groups";
import { listAccessReview } from "@/db/queries/access-review";
import { memberAccess } from "@/lib/access-review/member-access";
import { effectivePermissions } from "@/lib/groups/effective-permissions";
import { can, HIDDEN_FROM_DASHBOARD_VIEWERS, permissionsOfRole, type Permission } from "@/lib/permissions";
import { ActionError } from "@/lib/actions/core";
import { inTenantTransaction } from "@/lib/actions/tenant-transaction";
import { authorizeApiKeyInTransaction } from "@/lib/actions/tenant-access";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { navigationOf } from "../support/navigation";
import { actingAs, signInAs } from "../support/session";
import { keyFor } from "../api/api-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {} }));

const { getActor } = await import("@/lib/actor");
const { setViewersSeeDashboardsOnly } = await import("@/app/t/[slug]/settings/client-access/actions");

const HIDDEN: Permission[] = ["flows.read", "tables.read", "connections.read", "credentials.read"];
const VIEWER = permissionsOfRole("viewer");

describe("the permission computation", () => {
  it("hides exactly flows, tables, connections and credentials from a Viewer while the setting is on", () => {
    expect([...HIDDEN_FROM_DASHBOARD_VIEWERS]).toEqual(HIDDEN);
    expect(effectivePermissions({ roles: ["viewer"], viewersSeeDashboardsOnly: true })).toEqual(VIEWER.filter((p) => !HIDDEN.includes(p)));
    expect(effectivePermissions({ roles: ["viewer"], viewersSeeDashboardsOnly: false })).toEqual([...VIEWER]);
    for (const permission of HIDDEN) expect(can({ roles: ["viewer"], viewersSeeDashboardsOnly: true }, permission), permission).toBe(false);
  });

  it("leaves a Viewer who also has Editor or Admin, or is in any custom group, as they were", () => {
    for (const roles of [["viewer", "editor"], ["viewer", "admin"], ["editor"]] as const) {
      expect(effectivePermissions({ roles, viewersSeeDashboardsOnly: true }), roles.join("+")).toEqual(effectivePermissions({ roles }));
    }
    // A custom group, even one that grants nothing more, makes the member no mere Viewer.
    expect(effectivePermissions({ roles: ["viewer"], inCustomGroup: true, viewersSeeDashboardsOnly: true })).toEqual([...VIEWER]);
    expect(effectivePermissions({ roles: ["viewer"], groupPermissions: ["flows.run"], viewersSeeDashboardsOnly: true })).toContain("flows.read");
  });

  it("takes the same from a Viewer API key (a key has one role and no groups), not from an Editor key", () => {
    for (const permission of HIDDEN) {
      expect(can({ roles: ["viewer"], viewersSeeDashboardsOnly: true }, permission)).toBe(false);
      expect(can({ roles: ["editor"], viewersSeeDashboardsOnly: true }, permission)).toBe(true);
    }
    expect(can({ roles: ["viewer"], viewersSeeDashboardsOnly: true }, "tenant.read")).toBe(true);
  });
});

type User = { id: string; email: string };
let tenant: { id: string; slug: string; name: string };
let people: Record<"viewer" | "viewerEditor" | "viewerInGroup" | "admin", User>;
let flowId: string;
let tableId: string;

const setSetting = (on: boolean) => withSystem((tx) => tx.update(tenants).set({ viewersSeeDashboardsOnly: on }).where(eq(tenants.id, tenant.id)));

beforeAll(async () => {
  tenant = await createTenant("dashboards-only", { license: "enterprise" });
  people = { viewer: await createUser("viewer"), viewerEditor: await createUser("viewer-editor"), viewerInGroup: await createUser("viewer-group"), admin: await createUser("admin") };
  await addMember(tenant.id, people.viewer.id, ["viewer"]);
  await addMember(tenant.id, people.viewerEditor.id, ["viewer", "editor"]);
  await addMember(tenant.id, people.viewerInGroup.id, ["viewer"]);
  await addMember(tenant.id, people.admin.id, ["admin"]);
  const ids = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
    const group = await insertGroup(tx, { name: "Clients with nothing extra", permissions: [] });
    await insertGroupMember(tx, group.id, people.viewerInGroup.id);
    const flow = await insertFlow(tx, { name: "Internal flow", steps: ["validate"], createdBy: null });
    const table = await insertDataTable(tx, { name: "customers", columns: [{ name: "Name", type: "text" }], createdBy: null });
    return { flowId: flow.id, tableId: table.id };
  });
  ({ flowId, tableId } = ids);
});

describe("a member as read on each request", () => {
  it("a Viewer loses the four read permissions on the request after the switch; Viewer+Editor and Viewer in a group do not", async () => {
    await setSetting(false);
    expect(can((await actingAs(people.viewer, () => getActor(tenant.slug)))!, "flows.read")).toBe(true);
    await setSetting(true);
    const [viewer, viewerEditor, viewerInGroup] = [
      (await actingAs(people.viewer, () => getActor(tenant.slug)))!,
      (await actingAs(people.viewerEditor, () => getActor(tenant.slug)))!,
      (await actingAs(people.viewerInGroup, () => getActor(tenant.slug)))!,
    ];
    expect(effectivePermissions(viewer)).toEqual(VIEWER.filter((p) => !HIDDEN.includes(p)));
    for (const permission of HIDDEN) {
      expect(can(viewer, permission), permission).toBe(false);
      expect(can(viewerEditor, permission), permission).toBe(true);
      expect(can(viewerInGroup, permission), permission).toBe(true);
    }
  });

  it("the write core re-reads the setting in its transaction: an actor read before the switch is refused after it", async () => {
    await setSetting(false);
    const actor = (await actingAs(people.viewer, () => getActor(tenant.slug)))!;
    expect(can(actor, "tables.read")).toBe(true);
    await setSetting(true);
    const refusal = await inTenantTransaction({ actor, ip: null }, { permission: "tables.read" }, async () => "read").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ActionError);
    expect((refusal as ActionError).code).toBe("FORBIDDEN");
    const editor = (await actingAs(people.viewerEditor, () => getActor(tenant.slug)))!;
    expect(await inTenantTransaction({ actor: editor, ip: null }, { permission: "tables.read" }, async () => "read")).toBe("read");
  });

  it("a Viewer API key is refused the four in the write core; an Editor key is not", async () => {
    await setSetting(true);
    const [viewerKey, editorKey] = [await keyFor(tenant.id, "viewer"), await keyFor(tenant.id, "editor")];
    await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      for (const permission of HIDDEN) {
        await expect(authorizeApiKeyInTransaction(tx, viewerKey.id, permission)).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(authorizeApiKeyInTransaction(tx, editorKey.id, permission)).resolves.toMatchObject({ roles: ["editor"] });
      }
      await expect(authorizeApiKeyInTransaction(tx, viewerKey.id, "tenant.read")).resolves.toMatchObject({ roles: ["viewer"] });
    });
  });
});

describe("the hidden pages", () => {
  const pages = async () => ({
    flows: (await import("@/app/t/[slug]/flows/page")).default,
    flow: (await import("@/app/t/[slug]/flows/[flowId]/page")).default,
    history: (await import("@/app/t/[slug]/flows/[flowId]/history/page")).default,
    tables: (await import("@/app/t/[slug]/tables/page")).default,
    table: (await import("@/app/t/[slug]/tables/[tableId]/page")).default,
    connections: (await import("@/app/t/[slug]/connections/page")).default,
    credentials: (await import("@/app/t/[slug]/credentials/page")).default,
  });
  async function openAll(user: User): Promise<Record<string, string>> {
    const p = await pages();
    const slug = tenant.slug;
    const searchParams = Promise.resolve({});
    signInAs(user);
    // One at a time (each reads the signed-in session as it starts).
    const views: Record<string, () => Promise<unknown>> = {
      flows: () => p.flows({ params: Promise.resolve({ slug }), searchParams }),
      flow: () => p.flow({ params: Promise.resolve({ slug, flowId }), searchParams } as never),
      history: () => p.history({ params: Promise.resolve({ slug, flowId }), searchParams } as never),
      tables: () => p.tables({ params: Promise.resolve({ slug }) }),
      table: () => p.table({ params: Promise.resolve({ slug, tableId }), searchParams }),
      connections: () => p.connections({ params: Promise.resolve({ slug }) }),
      credentials: () => p.credentials({ params: Promise.resolve({ slug }) } as never),
    };
    const answers: Record<string, string> = {};
    for (const [name, view] of Object.entries(views)) answers[name] = await navigationOf(view());
    return answers;
  }
  const every = (answer: string) => ({ flows: answer, flow: answer, history: answer, tables: answer, table: answer, connections: answer, credentials: answer });

  it("are not found for a Viewer while the setting is on, as for a stranger, and open again when it is off", async () => {
    await setSetting(true);
    expect(await openAll(people.viewer)).toEqual(every("NEXT_HTTP_ERROR_FALLBACK;404"));
    expect(await openAll(people.viewerEditor)).toEqual(every("rendered"));
    await setSetting(false);
    expect(await openAll(people.viewer)).toEqual(every("rendered"));
  });
});

describe("the access review", () => {
  it("shows the Viewer's effective permissions without the four, and the permission filter agrees", async () => {
    await setSetting(true);
    const review = (permission?: Permission) =>
      withTenant({ tenantId: tenant.id, userId: null }, (tx) => listAccessReview(tx, { page: 1, size: 50, permission }));
    const rows = (await review()).rows;
    const permissionsOf = (user: User) => memberAccess(rows.find((row) => row.userId === user.id)!).permissions;
    expect(permissionsOf(people.viewer)).toEqual(VIEWER.filter((p) => !HIDDEN.includes(p)));
    expect(permissionsOf(people.viewerInGroup)).toEqual([...VIEWER]);
    const holders = async (permission: Permission) => (await review(permission)).rows.map((row) => row.userId).sort();
    const allButViewer = [people.viewerEditor.id, people.viewerInGroup.id, people.admin.id].sort();
    for (const permission of HIDDEN) expect(await holders(permission), permission).toEqual(allButViewer);
    expect(await holders("tenant.read")).toContain(people.viewer.id);
    await setSetting(false);
    expect(await holders("flows.read")).toContain(people.viewer.id);
  });
});

describe("the switch (Settings, Client access)", () => {
  const stored = async () => (await withSystem((tx) => tx.select({ on: tenants.viewersSeeDashboardsOnly }).from(tenants).where(eq(tenants.id, tenant.id))))[0]!.on;
  const entries = () =>
    withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.action, "tenant.client_access_updated")));

  it("is saved by an Admin with its before/after; Viewers and Editors are refused and change nothing", async () => {
    await setSetting(false);
    for (const who of [people.viewer, people.viewerEditor]) {
      expect(await actingAs(who, () => setViewersSeeDashboardsOnly(tenant.slug, null, { viewersSeeDashboardsOnly: true }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await stored()).toBe(false);
    const before = (await entries()).length;
    expect(await actingAs(people.admin, () => setViewersSeeDashboardsOnly(tenant.slug, null, { viewersSeeDashboardsOnly: "true" }))).toMatchObject({ ok: true });
    expect(await stored()).toBe(true);
    const written = await entries();
    expect(written).toHaveLength(before + 1);
    expect(written.at(-1)).toMatchObject({ actorUserId: people.admin.id, details: { before: { viewersSeeDashboardsOnly: false }, after: { viewersSeeDashboardsOnly: true } } });
    // The same value again writes nothing.
    expect(await actingAs(people.admin, () => setViewersSeeDashboardsOnly(tenant.slug, null, { viewersSeeDashboardsOnly: true }))).toMatchObject({ ok: true });
    expect(await entries()).toHaveLength(before + 1);
  });
});
