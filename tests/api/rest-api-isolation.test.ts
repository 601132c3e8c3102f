// The REST API, attacked: tenant A's key replaying tenant B's ids on every route that takes one
// (404, B unchanged, nothing of B in the answer); a credential's value in no answer of any route nor
// in the log; a key revoked or lowered after the door check is refused inside the write's transaction.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, apiKeys, credentials as credentialRows, dataTableRows, dataTables, flows, memberships } from "@/db/schema";
import { insertFlow } from "@/db/queries/flows";
import { insertDataTable, insertRow } from "@/db/queries/data-tables";
import { performTenantAction } from "@/lib/actions/tenant-action";
import { apiKeyActor } from "@/lib/api/api-actor";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { callApi, keyFor, type Handler, type TestKey } from "./api-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const member = await import("@/app/api/v1/members/[memberId]/route");
const suspend = await import("@/app/api/v1/members/[memberId]/suspend/route");
const members = await import("@/app/api/v1/members/route");
const flowList = await import("@/app/api/v1/flows/route");
const flow = await import("@/app/api/v1/flows/[flowId]/route");
const runs = await import("@/app/api/v1/flows/[flowId]/runs/route");
const activityRoute = await import("@/app/api/v1/activity/route");
const credentialList = await import("@/app/api/v1/credentials/route");
const credential = await import("@/app/api/v1/credentials/[credentialId]/route");
const tenantRoute = await import("@/app/api/v1/tenant/route");
const tableList = await import("@/app/api/v1/tables/route");
const tableRoute = await import("@/app/api/v1/tables/[tableId]/route");
const rowList = await import("@/app/api/v1/tables/[tableId]/rows/route");
const rowRoute = await import("@/app/api/v1/tables/[tableId]/rows/[rowId]/route");
const { createFlow } = await import("@/app/t/[slug]/flows/actions");

type World = Awaited<ReturnType<typeof createTwoTenants>>;
let world: World;
let adminA: TestKey;
let adminB: TestKey;

/** Everything of tenant B a replay could change, as rows (the log by its size). */
async function snapshotB() {
  const tenantId = world.b.id;
  return withTenant({ tenantId, userId: null }, async (tx) => ({
    members: await tx.select().from(memberships).where(eq(memberships.tenantId, tenantId)).orderBy(memberships.id),
    flows: await tx.select().from(flows).where(eq(flows.tenantId, tenantId)).orderBy(flows.id),
    credentials: await tx.select().from(credentialRows).where(eq(credentialRows.tenantId, tenantId)).orderBy(credentialRows.id),
    tables: await tx.select().from(dataTables).where(eq(dataTables.tenantId, tenantId)).orderBy(dataTables.id),
    rows: await tx.select().from(dataTableRows).where(eq(dataTableRows.tenantId, tenantId)).orderBy(dataTableRows.id),
    entries: (await tx.select({ n: count() }).from(activity).where(eq(activity.tenantId, tenantId)))[0]!.n,
  }));
}

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  [adminA, adminB] = [await keyFor(world.a.id, "admin"), await keyFor(world.b.id, "admin")];
});

describe("tenant A's key with tenant B's ids", () => {
  it("answers 404 on every route that takes an id, changes nothing in B, and shows nothing of B", async () => {
    const victim = await createUser("victim");
    const memberB = await addMember(world.b.id, victim.id, ["admin"]);
    const flowB = await withTenant({ tenantId: world.b.id, userId: null }, (tx) => insertFlow(tx, { name: `secret-flow-${uniqueSuffix()}`, steps: ["validate"], createdBy: null }));
    const credentialB = await callApi(credentialList.POST, { key: adminB.key, method: "POST", body: { name: `b-cred-${uniqueSuffix()}`, value: "b-secret-value-1234" } });
    const credentialId = credentialB.body.id as string;
    const { tableB, rowB } = await withTenant({ tenantId: world.b.id, userId: null }, async (tx) => {
      const table = await insertDataTable(tx, { name: `secret-table-${uniqueSuffix()}`, columns: [{ name: "Name", type: "text" }], createdBy: null });
      return { tableB: table, rowB: await insertRow(tx, table, { Name: "b-secret-row" }) };
    });
    // B's row under a table of A's: the pair must match too.
    const tableA = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => insertDataTable(tx, { name: `a-table-${uniqueSuffix()}`, columns: [{ name: "Name", type: "text" }], createdBy: null }));
    const rowParams = { tableId: tableB.id, rowId: rowB.id };
    const replays: [string, Handler, { method: string; params: Record<string, string>; body?: unknown }][] = [
      ["PATCH member", member.PATCH, { method: "PATCH", params: { memberId: memberB.id }, body: { roles: ["viewer"] } }],
      ["DELETE member", member.DELETE, { method: "DELETE", params: { memberId: memberB.id } }],
      ["suspend member", suspend.POST, { method: "POST", params: { memberId: memberB.id } }],
      ["GET flow", flow.GET, { method: "GET", params: { flowId: flowB.id } }],
      ["PATCH flow", flow.PATCH, { method: "PATCH", params: { flowId: flowB.id }, body: { name: "hijacked" } }],
      ["DELETE flow", flow.DELETE, { method: "DELETE", params: { flowId: flowB.id } }],
      ["GET runs", runs.GET, { method: "GET", params: { flowId: flowB.id } }],
      ["POST run", runs.POST, { method: "POST", params: { flowId: flowB.id } }],
      ["PUT credential", credential.PUT, { method: "PUT", params: { credentialId }, body: { value: "overwritten-value" } }],
      ["DELETE credential", credential.DELETE, { method: "DELETE", params: { credentialId } }],
      ["GET table", tableRoute.GET, { method: "GET", params: { tableId: tableB.id } }],
      ["PATCH table", tableRoute.PATCH, { method: "PATCH", params: { tableId: tableB.id }, body: { name: "hijacked" } }],
      ["DELETE table", tableRoute.DELETE, { method: "DELETE", params: { tableId: tableB.id } }],
      ["GET rows", rowList.GET, { method: "GET", params: { tableId: tableB.id } }],
      ["POST row", rowList.POST, { method: "POST", params: { tableId: tableB.id }, body: { c0: "planted" } }],
      ["GET row", rowRoute.GET, { method: "GET", params: rowParams }],
      ["PATCH row", rowRoute.PATCH, { method: "PATCH", params: rowParams, body: { c0: "hijacked" } }],
      ["DELETE row", rowRoute.DELETE, { method: "DELETE", params: rowParams }],
      ["GET row under A's table", rowRoute.GET, { method: "GET", params: { tableId: tableA.id, rowId: rowB.id } }],
      ["PATCH row under A's table", rowRoute.PATCH, { method: "PATCH", params: { tableId: tableA.id, rowId: rowB.id }, body: { c0: "hijacked" } }],
      ["DELETE row under A's table", rowRoute.DELETE, { method: "DELETE", params: { tableId: tableA.id, rowId: rowB.id } }],
    ];
    const before = await snapshotB();
    for (const [name, handler, request] of replays) {
      const answer = await callApi(handler, { key: adminA.key, ...request });
      expect(answer.status, name).toBe(404);
      expect(answer.contentType, name).toBe("application/problem+json");
      expect(answer.text, name).not.toContain(flowB.name);
      expect(answer.text, name).not.toContain(victim.email);
      expect(answer.text, name).not.toContain("b-secret-row");
    }
    expect(await snapshotB()).toEqual(before);
  });

  it("lists only A's rows: B's members, flows, credentials and entries never show", async () => {
    const marker = `b-only-${uniqueSuffix()}`;
    await callApi(flowList.POST, { key: adminB.key, method: "POST", body: { name: marker, steps: ["validate"] } });
    await callApi(credentialList.POST, { key: adminB.key, method: "POST", body: { name: marker, value: "whatever-value" } });
    await callApi(tableList.POST, { key: adminB.key, method: "POST", body: { name: marker, columns: [{ name: "Name", type: "text" }] } });
    for (const [handler, path] of [
      [members.GET, "/api/v1/members?size=100"],
      [flowList.GET, `/api/v1/flows?q=${marker}`],
      [activityRoute.GET, `/api/v1/activity?q=${marker}`],
      [credentialList.GET, "/api/v1/credentials"],
      [tenantRoute.GET, "/api/v1/tenant"],
      [tableList.GET, "/api/v1/tables"],
    ] as const) {
      const answer = await callApi(handler as Handler, { key: adminA.key, path });
      expect(answer.status, path).toBe(200);
      expect(answer.text, path).not.toContain(marker);
      expect(answer.text, path).not.toContain(world.b.id);
      expect(answer.text, path).not.toContain(world.adminB.email);
    }
  });
});

describe("a credential's value", () => {
  it("is in no answer of any route, nor in the log", async () => {
    const value = `never-shown-${uniqueSuffix()}-VALUE`;
    const replaced = `replaced-${uniqueSuffix()}-VALUE`;
    const created = await callApi(credentialList.POST, { key: adminA.key, method: "POST", body: { name: `c-${uniqueSuffix()}`, value, description: "db" } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const answers = [created];
    answers.push(await callApi(credential.PUT, { key: adminA.key, method: "PUT", params: { credentialId: id }, body: { value: replaced } }));
    for (const role of ["viewer", "editor", "admin"] as const) {
      const key = await keyFor(world.a.id, role);
      answers.push(await callApi(credentialList.GET, { key: key.key }));
      answers.push(await callApi(activityRoute.GET, { key: key.key, path: "/api/v1/activity?size=100" }));
    }
    // A refused create (the name taken) answers with the form's message, not the value typed.
    answers.push(await callApi(credentialList.POST, { key: adminA.key, method: "POST", body: { name: created.body.name, value } }));
    for (const answer of answers) {
      for (const secret of [value, replaced]) expect(answer.text).not.toContain(secret);
    }
    const listed = answers[2]!.body.credentials as { id: string; valueLast4: string | null }[];
    expect(listed.find((row) => row.id === id)).toMatchObject({ valueLast4: null });
    const asEditor = answers[4]!.body.credentials as { id: string; valueLast4: string | null }[];
    expect(asEditor.find((row) => row.id === id)).toMatchObject({ valueLast4: "ALUE" });
    const log = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.execute(sql`select a::text as row from activity a where tenant_id = ${world.a.id}`));
    expect(JSON.stringify(log)).not.toContain(value);
    expect(JSON.stringify(log)).not.toContain(replaced);
  });
});

describe("the key as it is now, inside the write's transaction", () => {
  const tenantOf = () => ({ id: world.a.id, slug: world.a.slug, name: world.a.name, magicLinkEnabled: true, license: "enterprise", twoFactorRequired: "off" as const, archivedAt: null });
  const flowInput = () => ({ name: `late-${uniqueSuffix()}`, steps: ["validate" as const] });

  it("refuses a key revoked after the door check (UNAUTHENTICATED), a key lowered to Viewer (FORBIDDEN), and writes nothing", async () => {
    const key = await keyFor(world.a.id, "editor");
    const caller = { tenantId: world.a.id, keyId: key.id, keyName: key.name, roles: ["editor" as const], viewersSeeDashboardsOnly: false, rateLimitHeaders: {} };
    const count0 = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select({ n: count() }).from(flows));
    const perform = () => performTenantAction(createFlow.definition, { actor: apiKeyActor(caller, tenantOf()), ip: null }, flowInput());

    await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.update(apiKeys).set({ role: "viewer" }).where(eq(apiKeys.id, key.id)));
    await expect(perform()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.update(apiKeys).set({ role: "editor", revokedAt: new Date() }).where(eq(apiKeys.id, key.id)));
    await expect(perform()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.update(apiKeys).set({ revokedAt: null, expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, key.id)));
    await expect(perform()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select({ n: count() }).from(flows))).toEqual(count0);

    await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.update(apiKeys).set({ expiresAt: null }).where(eq(apiKeys.id, key.id)));
    await expect(perform()).resolves.toMatchObject({ changed: true });
  });

  it("another tenant's key id does not authorize a write in this tenant", async () => {
    const caller = { tenantId: world.a.id, keyId: adminB.id, keyName: adminB.name, roles: ["admin" as const], viewersSeeDashboardsOnly: false, rateLimitHeaders: {} };
    await expect(performTenantAction(createFlow.definition, { actor: apiKeyActor(caller, tenantOf()), ip: null }, flowInput())).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("a revoked key gets 401 problem+json from a write route, with the bearer challenge", async () => {
    const key = await keyFor(world.a.id, "admin");
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, key.id)));
    const answer = await callApi(flowList.POST, { key: key.key, method: "POST", body: flowInput() });
    expect(answer).toMatchObject({ status: 401, contentType: "application/problem+json", body: { status: 401, title: "Unauthorized" } });
  });
});
