// Archiving a tenant (issue 14, item 5): who may archive and restore (tenant Admins and superadmins;
// not Editors, Viewers, nor another tenant's Admin replaying the call), what an archived tenant keeps
// (every member still reads it) and refuses (every tenant action but "Restore tenant", API keys, flow
// runs, and in PostgreSQL itself any runtime-role write into its tables), and that restoring lifts it all.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withPlatform, withSystem, withTenant, withUser } from "@/db/scopes";
import { insertFlow, listFlows } from "@/db/queries/flows";
import { insertPackage } from "@/db/queries/packages";
import { deployPackageToTenant } from "@/lib/packages/deploy-to-tenant";
import { listTenantsForPlatform } from "@/db/queries/platform-tenants";
import { deleteTenant as deleteTenantRow, listTenantsOfUser, setTenantArchivedAt } from "@/db/queries/tenants";
import { activity, flows, platformActivity, tenants } from "@/db/schema";
import { ARCHIVED_MESSAGE, registeredActions } from "@/lib/actions/core";
import { performTenantAction } from "@/lib/actions/tenant-action";
import { ARCHIVED_API_MESSAGE } from "@/lib/api/problem";
import type { Actor } from "@/lib/caller";
import { callApi, keyFor } from "../api/api-support";
import { addMember, createTenant, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";
import { tenantActionDefinitions } from "../support/tenant-action-definitions";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const { archiveTenant, restoreTenant } = await import("@/app/t/[slug]/settings/archive/actions");
const { archiveTenantAsSuperadmin, restoreTenantAsSuperadmin } = await import("@/app/admin/tenant-archive/actions");
const { updateGeneralSettings } = await import("@/app/t/[slug]/settings/actions");
const { createFlow, runFlow } = await import("@/app/t/[slug]/flows/actions");
const flowsRoute = await import("@/app/api/v1/flows/route");

type User = { id: string; email: string };
type World = Awaited<ReturnType<typeof createTwoTenants>> & { editor: User; viewer: User; root: User };
let world: World;

beforeEach(async () => {
  const two = await createTwoTenants({ license: "enterprise" });
  const [editor, viewer, root] = [await createUser("editor"), await createUser("viewer"), await createUser("root", { isSuperadmin: true })];
  await addMember(two.a.id, editor.id, ["editor"]);
  await addMember(two.a.id, viewer.id, ["viewer"]);
  world = { ...two, editor, viewer, root };
});

const archivedAtOf = async (tenantId: string) =>
  (await withSystem((tx) => tx.select({ archivedAt: tenants.archivedAt }).from(tenants).where(eq(tenants.id, tenantId))))[0]!.archivedAt;
const archiveDirectly = (tenantId: string) => withSystem((tx) => setTenantArchivedAt(tx, tenantId, new Date()));
const entriesOf = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

describe("who may archive and restore a tenant", () => {
  it("its Admin archives (entry in its log) and restores it (entry), from Settings", async () => {
    signInAs(world.adminA);
    expect(await archiveTenant(world.a.slug, null, {})).toMatchObject({ ok: true, message: `${world.a.name} is archived.` });
    expect(await archivedAtOf(world.a.id)).toBeInstanceOf(Date);
    expect(await entriesOf(world.a.id, "tenant.archived")).toEqual([expect.objectContaining({ actorUserId: world.adminA.id, summary: `${world.adminA.email} archived the tenant ${world.a.name}` })]);
    expect(await restoreTenant(world.a.slug, null, {})).toMatchObject({ ok: true, message: `${world.a.name} is restored.` });
    expect(await archivedAtOf(world.a.id)).toBeNull();
    expect(await entriesOf(world.a.id, "tenant.restored")).toHaveLength(1);
  });

  it("refuses Editors and Viewers (FORBIDDEN), both ways, and changes nothing", async () => {
    for (const caller of [world.editor, world.viewer]) {
      signInAs(caller);
      expect(await archiveTenant(world.a.slug, null, {})).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await archivedAtOf(world.a.id)).toBeNull();
    await archiveDirectly(world.a.id);
    for (const caller of [world.editor, world.viewer]) {
      signInAs(caller);
      expect(await restoreTenant(world.a.slug, null, {})).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await archivedAtOf(world.a.id)).toBeInstanceOf(Date);
  });

  it("refuses another tenant's Admin replaying the call with this tenant's slug (NOT_FOUND), both ways", async () => {
    signInAs(world.adminB);
    expect(await archiveTenant(world.a.slug, null, {})).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await archivedAtOf(world.a.id)).toBeNull();
    await archiveDirectly(world.a.id);
    expect(await restoreTenant(world.a.slug, null, {})).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await archivedAtOf(world.a.id)).toBeInstanceOf(Date);
    // Their own tenant is untouched by either call.
    expect(await archivedAtOf(world.b.id)).toBeNull();
  });

  it("lets a superadmin archive and restore from /admin (platform log and the tenant's log) and from the tenant's Settings", async () => {
    signInAs(world.root);
    expect(await archiveTenantAsSuperadmin(null, { tenantId: world.a.id })).toMatchObject({ ok: true });
    expect(await archivedAtOf(world.a.id)).toBeInstanceOf(Date);
    expect(await archiveTenantAsSuperadmin(null, { tenantId: world.a.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await restoreTenantAsSuperadmin(null, { tenantId: world.a.id })).toMatchObject({ ok: true });
    expect(await archivedAtOf(world.a.id)).toBeNull();
    const platform = await platformLogWhere(eq(platformActivity.subjectTenantId, world.a.id));
    expect(platform.map((entry) => entry.action)).toEqual(expect.arrayContaining(["tenant.archived", "tenant.restored"]));
    expect(await entriesOf(world.a.id, "tenant.archived")).toEqual([expect.objectContaining({ actorUserId: world.root.id, summary: expect.stringContaining("(as superadmin)") })]);

    // Visiting the tenant: Admin powers, its Settings' buttons, recorded in both logs.
    expect(await archiveTenant(world.a.slug, null, {})).toMatchObject({ ok: true });
    expect(await restoreTenant(world.a.slug, null, {})).toMatchObject({ ok: true });
    const visits = await platformLogWhere(and(eq(platformActivity.subjectTenantId, world.a.id), eq(platformActivity.actorUserId, world.root.id)));
    expect(visits.filter((entry) => entry.action === "tenant.archived")).toHaveLength(2);
  });

  it("refuses the /admin actions to a tenant Admin who is no superadmin (NOT_FOUND)", async () => {
    signInAs(world.adminA);
    expect(await archiveTenantAsSuperadmin(null, { tenantId: world.a.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await archiveDirectly(world.a.id);
    expect(await restoreTenantAsSuperadmin(null, { tenantId: world.a.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await archivedAtOf(world.a.id)).toBeInstanceOf(Date);
  });
});

/** The tenant's Admin as the write core's caller. */
function adminActor(tenant: { id: string; slug: string; name: string }, admin: User): Actor {
  return {
    user: { ...admin, authMethod: "password", twoFactorEnabled: true, ssoTenantId: null },
    tenant: { ...tenant, magicLinkEnabled: true, license: "enterprise", twoFactorRequired: "off", archivedAt: new Date() },
    membershipId: null,
    roles: ["admin"],
    viewersSeeDashboardsOnly: false,
    viaSuperadmin: false,
  };
}

describe("an archived tenant", () => {
  it("refuses every tenant action in the registry with ARCHIVED, except Restore tenant, and writes nothing", async () => {
    const definitions = await tenantActionDefinitions();
    const registeredTenantActions = [...registeredActions].filter(([, entry]) => entry.scope === "tenant").map(([name]) => name);
    // Every registered tenant action was found (a new one is covered without editing this test).
    // The one tenant action with a path of its own (lib/packages/deploy-to-tenant.ts) is the next test's.
    expect(registeredTenantActions.filter((name) => !definitions.has(name))).toEqual(["package.deploy_to_tenant"]);
    expect(definitions.size).toBeGreaterThan(30);
    expect([...registeredActions].filter(([, entry]) => entry.allowedWhileArchived).map(([name]) => name)).toEqual(["tenant.restore"]);

    await archiveDirectly(world.a.id);
    const entriesBefore = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.tenantId, world.a.id)));
    const actor = adminActor(world.a, world.adminA);
    const refusals: Record<string, string> = {};
    for (const [name, definition] of definitions) {
      if (name === "tenant.restore") continue;
      // The refusal comes before the action's own work: any input shows it.
      const outcome = await performTenantAction(definition, { actor, ip: null }, {} as never).then(
        () => "ran",
        (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
      );
      refusals[name] = outcome;
    }
    expect(Object.entries(refusals).filter(([, outcome]) => outcome !== `ARCHIVED: ${ARCHIVED_MESSAGE}`)).toEqual([]);
    const entriesAfter = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.tenantId, world.a.id)));
    expect(entriesAfter).toHaveLength(entriesBefore.length);
  });

  it("refuses a package deployed into it from another tenant (ARCHIVED), and nothing is written in it", async () => {
    await addMember(world.b.id, world.adminA.id, ["admin"]);
    signInAs(world.adminA);
    const flow = await createFlow(world.b.slug, null, { name: `packaged-${uniqueSuffix()}`, steps: ["validate"] });
    if (!flow.ok) throw new Error(`setup: ${flow.message}`);
    const contents = [{ flowId: flow.data.id, version: 1, name: flow.data.name, steps: ["validate"] }];
    const pkg = await withTenant({ tenantId: world.b.id, userId: null }, (tx) => insertPackage(tx, { name: `pkg-${uniqueSuffix()}`, environment: "production", createdBy: null }, contents));
    await archiveDirectly(world.a.id);
    const source = { ...adminActor(world.b, world.adminA), tenant: { ...adminActor(world.b, world.adminA).tenant, archivedAt: null } };
    await expect(deployPackageToTenant(source, adminActor(world.a, world.adminA), null, { packageId: pkg.id, environment: "production" })).rejects.toMatchObject({ code: "ARCHIVED", message: ARCHIVED_MESSAGE });
    expect(await entriesOf(world.a.id, "package.deployed_from_tenant")).toEqual([]);
  });

  it("shows the refusal at the form (the typed result), keeps what was there, and its members still read it", async () => {
    const flow = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => insertFlow(tx, { name: `nightly-${uniqueSuffix()}`, steps: ["validate"], createdBy: null }));
    await archiveDirectly(world.a.id);
    signInAs(world.adminA);
    expect(await updateGeneralSettings(world.a.slug, null, { name: "Renamed", contactEmail: "" })).toEqual({ ok: false, code: "ARCHIVED", message: ARCHIVED_MESSAGE, fieldErrors: undefined });
    signInAs(world.editor);
    expect(await createFlow(world.a.slug, null, { name: "another", steps: ["validate"] })).toMatchObject({ ok: false, code: "ARCHIVED", message: ARCHIVED_MESSAGE });
    // Flows do not run.
    expect(await runFlow(world.a.slug, null, { flowId: flow.id })).toMatchObject({ ok: false, code: "ARCHIVED" });
    expect(await archiveTenant(world.a.slug, null, {})).toMatchObject({ ok: false, code: "FORBIDDEN" });
    // Reads go on: the Viewer's flows list, and the tenant in everyone's switcher, marked.
    const listed = await withTenant({ tenantId: world.a.id, userId: world.viewer.id }, (tx) => listFlows(tx, { sort: "name", dir: "asc", page: 1, size: 50 }));
    expect(listed.rows.map((row) => row.id)).toContain(flow.id);
    expect(await withUser({ userId: world.viewer.id }, (tx) => listTenantsOfUser(tx, world.viewer.id))).toEqual([expect.objectContaining({ id: world.a.id, archived: true })]);
    expect(await withSystem((tx) => tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, world.a.id)))).toEqual([{ name: world.a.name }]);
  });

  it("refuses its API keys with 423 problem+json before using them, and takes them again once restored", async () => {
    const key = await keyFor(world.a.id, "editor");
    await archiveDirectly(world.a.id);
    const refused = await callApi(flowsRoute.GET, { key: key.key, path: "/api/v1/flows" });
    expect(refused).toMatchObject({ status: 423, contentType: "application/problem+json", body: { status: 423, title: "Locked", code: "ARCHIVED", detail: ARCHIVED_API_MESSAGE } });
    const write = await callApi(flowsRoute.POST, { key: key.key, method: "POST", path: "/api/v1/flows", body: { name: "by-api", steps: ["validate"] } });
    expect(write.status).toBe(423);
    // Restored: the same key works again (nothing about it was changed by archiving).
    signInAs(world.adminA);
    expect(await restoreTenant(world.a.slug, null, {})).toMatchObject({ ok: true });
    expect((await callApi(flowsRoute.GET, { key: key.key, path: "/api/v1/flows" })).status).toBe(200);
    expect((await callApi(flowsRoute.POST, { key: key.key, method: "POST", path: "/api/v1/flows", body: { name: "by-api", steps: ["validate"] } })).status).toBe(201);
  });

  it("is refused by PostgreSQL itself: a direct runtime-role write into any of its tables fails, another tenant's goes through", async () => {
    await archiveDirectly(world.a.id);
    const insertInto = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => tx.insert(flows).values({ tenantId, name: `direct-${uniqueSuffix()}` }).returning({ id: flows.id }));
    await expect(insertInto(world.a.id)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "TA423", message: "This tenant is archived" }) });
    await expect(insertInto(world.b.id)).resolves.toHaveLength(1);
    // Update and delete too, and the membership table (nobody added or removed behind the app's back).
    await expect(withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.update(flows).set({ name: "x" }).where(eq(flows.tenantId, world.a.id)))).resolves.toBeDefined(); // no rows: nothing to refuse
    const newcomer = await createUser("newcomer");
    await expect(addMember(world.a.id, newcomer.id, ["admin"])).rejects.toMatchObject({ cause: expect.objectContaining({ code: "TA423" }) });
    // The log still takes entries (archiving, restoring and superadmin views are recorded while archived).
    await expect(withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.insert(activity).values({ tenantId: world.a.id, action: "tenant.archived", summary: "still logged" }))).resolves.toBeDefined();
    // Restored: the same write goes through.
    await withSystem((tx) => setTenantArchivedAt(tx, world.a.id, null));
    await expect(insertInto(world.a.id)).resolves.toHaveLength(1);
  });

  it("refuses updates and deletes of existing rows in PostgreSQL, and still lets the tenant itself be deleted (the cascade)", async () => {
    const flow = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => insertFlow(tx, { name: `kept-${uniqueSuffix()}`, steps: ["validate"], createdBy: null }));
    await archiveDirectly(world.a.id);
    await expect(withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.update(flows).set({ name: "changed" }).where(eq(flows.id, flow.id)))).rejects.toMatchObject({ cause: expect.objectContaining({ code: "TA423" }) });
    await expect(withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.delete(flows).where(eq(flows.id, flow.id)))).rejects.toMatchObject({ cause: expect.objectContaining({ code: "TA423" }) });
    expect(await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select({ name: flows.name }).from(flows).where(eq(flows.id, flow.id)))).toEqual([{ name: flow.name }]);
    await expect(withTenant({ tenantId: world.a.id, userId: null }, (tx) => deleteTenantRow(tx))).resolves.toMatchObject({ id: world.a.id });
    expect(await withSystem((tx) => tx.select().from(tenants).where(eq(tenants.id, world.a.id)))).toEqual([]);
  });
});

describe("/admin's Status filter", () => {
  it("lists active, archived or all tenants, with the search still applied", async () => {
    const archived = await createTenant("status-filter");
    const active = await createTenant("status-filter");
    await archiveDirectly(archived.id);
    const list = (status?: "active" | "archived") =>
      withPlatform({ superadminId: world.root.id }, (tx) => listTenantsForPlatform(tx, { search: "status-filter", status, sort: "name", dir: "asc", page: 1, size: 100 }));
    const ids = async (status?: "active" | "archived") => (await list(status)).rows.map((row) => row.id);
    expect(await ids("archived")).toContain(archived.id);
    expect(await ids("archived")).not.toContain(active.id);
    expect(await ids("active")).toContain(active.id);
    expect(await ids("active")).not.toContain(archived.id);
    expect(await ids()).toEqual(expect.arrayContaining([archived.id, active.id]));
    expect((await list("archived")).rows.find((row) => row.id === archived.id)).toMatchObject({ archived: true });
    expect((await list("archived")).total).toBe((await ids("archived")).length);
  });
});
