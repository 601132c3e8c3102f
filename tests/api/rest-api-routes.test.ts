// The REST API's routes × the keys that call them: every route (found on disk, so a new one must be
// listed here) answers each role as its permission says (403 problem+json otherwise, nothing changed),
// writes exactly one activity entry naming the key, and refuses input with the form's own messages.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flows, memberships, tenants, type MemberRole } from "@/db/schema";
import { insertFlow, insertFlowRun } from "@/db/queries/flows";
import { insertDataTable, insertRow } from "@/db/queries/data-tables";
import { can, type Permission } from "@/lib/permissions";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { callApi, keyFor, type Handler, type TestKey } from "./api-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const { revalidatePath } = await import("next/cache");

const members = await import("@/app/api/v1/members/route");
const member = await import("@/app/api/v1/members/[memberId]/route");
const suspend = await import("@/app/api/v1/members/[memberId]/suspend/route");
const flowList = await import("@/app/api/v1/flows/route");
const flow = await import("@/app/api/v1/flows/[flowId]/route");
const runs = await import("@/app/api/v1/flows/[flowId]/runs/route");
const activityRoute = await import("@/app/api/v1/activity/route");
const credentials = await import("@/app/api/v1/credentials/route");
const credential = await import("@/app/api/v1/credentials/[credentialId]/route");
const tenantRoute = await import("@/app/api/v1/tenant/route");
const connectionList = await import("@/app/api/v1/connections/route");
const connectionRoute = await import("@/app/api/v1/connections/[connectionId]/route");
const connectionTest = await import("@/app/api/v1/connections/[connectionId]/test/route");
const tableList = await import("@/app/api/v1/tables/route");
const tableRoute = await import("@/app/api/v1/tables/[tableId]/route");
const rowList = await import("@/app/api/v1/tables/[tableId]/rows/route");
const rowRoute = await import("@/app/api/v1/tables/[tableId]/rows/[rowId]/route");
const { createConnection } = await import("@/app/t/[slug]/connections/actions");
const { createFlow } = await import("@/app/t/[slug]/flows/actions");
const { addCredential } = await import("@/app/t/[slug]/credentials/actions");
const { addMember: addMemberAction } = await import("@/app/t/[slug]/members/actions/add-member");

type World = Awaited<ReturnType<typeof createTwoTenants>>;
let world: World;
const keys = {} as Record<MemberRole, TestKey>;

const inA = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId: world.a.id, userId: null }, work);
const activityCount = async (tenantId: string) =>
  (await withTenant({ tenantId, userId: null }, (tx) => tx.select({ n: count() }).from(activity).where(eq(activity.tenantId, tenantId))))[0]!.n;

async function seedFlow(tenantId: string, name = `flow-${uniqueSuffix()}`) {
  return withTenant({ tenantId, userId: null }, (tx) => insertFlow(tx, { name, steps: ["validate"], createdBy: null }));
}
async function seedMember(tenantId: string, roles: MemberRole[] = ["viewer"]) {
  const user = await createUser("api-target");
  const row = await addMember(tenantId, user.id, roles);
  return { id: row.id, email: user.email };
}
async function seedCredential(slug: string, admin: { id: string; email: string }) {
  const result = await actingAs(admin, () => addCredential(slug, null, { name: `cred-${uniqueSuffix()}`, value: `value-${uniqueSuffix()}-tail` }));
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

/** An incoming webhook connection (testing it needs no network). */
async function seedConnection(slug: string, admin: { id: string; email: string }) {
  const result = await actingAs(admin, () => createConnection(slug, null, { name: `hook-${uniqueSuffix()}`, connector: "incoming_webhook" }));
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

/** A data table (a text and a number column) with one row. */
async function seedTable(tenantId: string) {
  return withTenant({ tenantId, userId: null }, async (tx) => {
    const columns = [{ name: "Name", type: "text" as const }, { name: "Score", type: "number" as const }];
    const table = await insertDataTable(tx, { name: `table-${uniqueSuffix()}`, columns, createdBy: null });
    const row = await insertRow(tx, table, { Name: "Ada", Score: 1 });
    return { tableId: table.id, rowId: row.id };
  });
}

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  // Room for the flows every route case creates.
  await withSystem((tx) => tx.update(tenants).set({ flowCap: 1000 }).where(eq(tenants.id, world.a.id)));
  for (const role of ["viewer", "editor", "admin"] as const) keys[role] = await keyFor(world.a.id, role);
});

interface RouteCase {
  handler: Handler;
  permission: Permission;
  /** The request for a fresh target in tenant A. */
  prepare(): Promise<{ params?: Record<string, string>; body?: unknown; path?: string }>;
  success: number;
  /** Whether a success writes (one activity entry, naming the key). */
  writes: boolean;
}

const ROUTES: Record<string, RouteCase> = {
  "GET /tenant": { handler: tenantRoute.GET, permission: "tenant.read", prepare: async () => ({}), success: 200, writes: false },
  "GET /members": { handler: members.GET, permission: "members.read", prepare: async () => ({}), success: 200, writes: false },
  "POST /members": {
    handler: members.POST,
    permission: "members.manage",
    prepare: async () => ({ body: { email: `invitee-${uniqueSuffix()}@example.test`, roles: ["viewer"] } }),
    success: 201,
    writes: true,
  },
  "PATCH /members/{memberId}": {
    handler: member.PATCH,
    permission: "members.manage",
    prepare: async () => ({ params: { memberId: (await seedMember(world.a.id)).id }, body: { roles: ["editor"] } }),
    success: 200,
    writes: true,
  },
  "DELETE /members/{memberId}": {
    handler: member.DELETE,
    permission: "members.manage",
    prepare: async () => ({ params: { memberId: (await seedMember(world.a.id)).id } }),
    success: 200,
    writes: true,
  },
  "POST /members/{memberId}/suspend": {
    handler: suspend.POST,
    permission: "members.manage",
    prepare: async () => ({ params: { memberId: (await seedMember(world.a.id)).id } }),
    success: 200,
    writes: true,
  },
  "GET /flows": { handler: flowList.GET, permission: "flows.read", prepare: async () => ({}), success: 200, writes: false },
  "POST /flows": {
    handler: flowList.POST,
    permission: "flows.write",
    prepare: async () => ({ body: { name: `api-flow-${uniqueSuffix()}`, steps: ["validate", "checksum"] } }),
    success: 201,
    writes: true,
  },
  "GET /flows/{flowId}": {
    handler: flow.GET,
    permission: "flows.read",
    prepare: async () => ({ params: { flowId: (await seedFlow(world.a.id)).id } }),
    success: 200,
    writes: false,
  },
  "PATCH /flows/{flowId}": {
    handler: flow.PATCH,
    permission: "flows.write",
    prepare: async () => ({ params: { flowId: (await seedFlow(world.a.id)).id }, body: { name: `renamed-${uniqueSuffix()}` } }),
    success: 200,
    writes: true,
  },
  "DELETE /flows/{flowId}": {
    handler: flow.DELETE,
    permission: "flows.write",
    prepare: async () => ({ params: { flowId: (await seedFlow(world.a.id)).id } }),
    success: 200,
    writes: true,
  },
  "GET /flows/{flowId}/runs": {
    handler: runs.GET,
    permission: "flows.read",
    prepare: async () => ({ params: { flowId: (await seedFlow(world.a.id)).id } }),
    success: 200,
    writes: false,
  },
  "POST /flows/{flowId}/runs": {
    handler: runs.POST,
    permission: "flows.run",
    prepare: async () => ({ params: { flowId: (await seedFlow(world.a.id)).id } }),
    success: 201,
    writes: true,
  },
  "GET /activity": { handler: activityRoute.GET, permission: "activity.read", prepare: async () => ({}), success: 200, writes: false },
  "GET /credentials": { handler: credentials.GET, permission: "credentials.read", prepare: async () => ({}), success: 200, writes: false },
  "POST /credentials": {
    handler: credentials.POST,
    permission: "credentials.manage",
    prepare: async () => ({ body: { name: `api-cred-${uniqueSuffix()}`, value: "a-long-secret-value" } }),
    success: 201,
    writes: true,
  },
  "PUT /credentials/{credentialId}": {
    handler: credential.PUT,
    permission: "credentials.manage",
    prepare: async () => ({ params: { credentialId: (await seedCredential(world.a.slug, world.adminA)).id }, body: { value: "another-secret-value" } }),
    success: 200,
    writes: true,
  },
  "DELETE /credentials/{credentialId}": {
    handler: credential.DELETE,
    permission: "credentials.manage",
    prepare: async () => ({ params: { credentialId: (await seedCredential(world.a.slug, world.adminA)).id } }),
    success: 200,
    writes: true,
  },
  "GET /connections": { handler: connectionList.GET, permission: "connections.read", prepare: async () => ({}), success: 200, writes: false },
  "POST /connections": {
    handler: connectionList.POST,
    permission: "connections.manage",
    prepare: async () => ({ body: { name: `api-conn-${uniqueSuffix()}`, connector: "http_api", baseUrl: "https://api.example.com", authType: "bearer", token: "tok-secret" } }),
    success: 201,
    writes: true,
  },
  "GET /connections/{connectionId}": {
    handler: connectionRoute.GET,
    permission: "connections.read",
    prepare: async () => ({ params: { connectionId: (await seedConnection(world.a.slug, world.adminA)).id } }),
    success: 200,
    writes: false,
  },
  "PATCH /connections/{connectionId}": {
    handler: connectionRoute.PATCH,
    permission: "connections.manage",
    prepare: async () => ({ params: { connectionId: (await seedConnection(world.a.slug, world.adminA)).id }, body: { name: `renamed-${uniqueSuffix()}` } }),
    success: 200,
    writes: true,
  },
  "DELETE /connections/{connectionId}": {
    handler: connectionRoute.DELETE,
    permission: "connections.manage",
    prepare: async () => ({ params: { connectionId: (await seedConnection(world.a.slug, world.adminA)).id } }),
    success: 200,
    writes: true,
  },
  "POST /connections/{connectionId}/test": {
    handler: connectionTest.POST,
    permission: "connections.manage",
    prepare: async () => ({ params: { connectionId: (await seedConnection(world.a.slug, world.adminA)).id } }),
    success: 200,
    writes: true,
  },
  "GET /tables": { handler: tableList.GET, permission: "tables.read", prepare: async () => ({}), success: 200, writes: false },
  "POST /tables": {
    handler: tableList.POST,
    permission: "tables.write",
    prepare: async () => ({ body: { name: `api-table-${uniqueSuffix()}`, columns: [{ name: "Name", type: "text" }] } }),
    success: 201,
    writes: true,
  },
  "GET /tables/{tableId}": {
    handler: tableRoute.GET,
    permission: "tables.read",
    prepare: async () => ({ params: { tableId: (await seedTable(world.a.id)).tableId } }),
    success: 200,
    writes: false,
  },
  "PATCH /tables/{tableId}": {
    handler: tableRoute.PATCH,
    permission: "tables.write",
    prepare: async () => ({ params: { tableId: (await seedTable(world.a.id)).tableId }, body: { name: `renamed-${uniqueSuffix()}` } }),
    success: 200,
    writes: true,
  },
  "DELETE /tables/{tableId}": {
    handler: tableRoute.DELETE,
    permission: "tables.write",
    prepare: async () => ({ params: { tableId: (await seedTable(world.a.id)).tableId } }),
    success: 200,
    writes: true,
  },
  "GET /tables/{tableId}/rows": {
    handler: rowList.GET,
    permission: "tables.read",
    prepare: async () => ({ params: { tableId: (await seedTable(world.a.id)).tableId } }),
    success: 200,
    writes: false,
  },
  "POST /tables/{tableId}/rows": {
    handler: rowList.POST,
    permission: "tables.write",
    prepare: async () => ({ params: { tableId: (await seedTable(world.a.id)).tableId }, body: { c0: "Grace", c1: 2 } }),
    success: 201,
    writes: true,
  },
  "GET /tables/{tableId}/rows/{rowId}": {
    handler: rowRoute.GET,
    permission: "tables.read",
    prepare: async () => ({ params: await seedTable(world.a.id) }),
    success: 200,
    writes: false,
  },
  "PATCH /tables/{tableId}/rows/{rowId}": {
    handler: rowRoute.PATCH,
    permission: "tables.write",
    prepare: async () => ({ params: await seedTable(world.a.id), body: { c0: "Ada L.", c1: "3" } }),
    success: 200,
    writes: true,
  },
  "DELETE /tables/{tableId}/rows/{rowId}": {
    handler: rowRoute.DELETE,
    permission: "tables.write",
    prepare: async () => ({ params: await seedTable(world.a.id) }),
    success: 200,
    writes: true,
  },
};

const methodOf = (name: string) => name.split(" ")[0]!;

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** "GET /flows/{flowId}" for every method every route file under app/api/v1 exports (the OpenAPI document's route excluded). */
function routesOnDisk(): string[] {
  const files = (fs.readdirSync(API_DIR, { recursive: true }) as string[]).filter((file) => file.endsWith("route.ts") && !file.startsWith("openapi"));
  return files.flatMap((file) => {
    const route = `/${path.dirname(file).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
    const source = fs.readFileSync(path.join(API_DIR, file), "utf8");
    const methods = [...source.matchAll(/export\s+(?:async\s+function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]);
    return methods.map((method) => `${method} ${route}`);
  });
}

describe("the route table", () => {
  it("lists every route and method under app/api/v1", () => {
    expect(routesOnDisk().sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it("is what the OpenAPI document describes, each operation with the permission the route enforces", async () => {
    const answer = await callApi((await import("@/app/api/v1/openapi.json/route")).GET, { key: null });
    expect(answer.status).toBe(200);
    const paths = answer.body.paths as Record<string, Record<string, { "x-permission": string }>>;
    const documented = Object.entries(paths).flatMap(([route, operations]) =>
      Object.entries(operations).map(([method, operation]) => [`${method.toUpperCase()} ${route}`, operation["x-permission"]]),
    );
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(Object.entries(ROUTES).map(([name, route]) => [name, route.permission])));
    expect(answer.body.openapi).toBe("3.1.0");
  });

  it("documents both ways in: an API key and an integration's signed token (JWT)", async () => {
    const { openApiDocument } = await import("@/app/api/v1/openapi.json/openapi-document");
    const document = openApiDocument();
    expect(document.security).toEqual([{ bearer: [] }, { signedToken: [] }]);
    expect(document.components?.securitySchemes).toMatchObject({
      bearer: { type: "http", scheme: "bearer" },
      signedToken: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
    });
  });

  it("documents each write's body from the action's own schema (its fields and their limits)", async () => {
    const { openApiDocument } = await import("@/app/api/v1/openapi.json/openapi-document");
    const body = openApiDocument().paths!["/flows"]!.post!.requestBody as { content: Record<string, { schema: unknown }> };
    expect(body.content["application/json"]!.schema).toMatchObject({
      type: "object",
      properties: { name: { type: "string", maxLength: 80 }, steps: { type: "array", maxItems: 5 } },
      required: ["name", "steps"],
    });
  });
});

describe.each(Object.entries(ROUTES))("%s", (name, route) => {
  it.each(["viewer", "editor", "admin"] as const)("with a %s key: as its permission says", async (role) => {
    const request = await route.prepare();
    const before = await activityCount(world.a.id);
    vi.mocked(revalidatePath).mockClear();
    const answer = await callApi(route.handler, { key: keys[role].key, method: methodOf(name), ...request });
    // The tenant's pages are refreshed after a committed write, as after the server action; never otherwise.
    const layoutRefreshed = vi.mocked(revalidatePath).mock.calls.some((call) => call[0] === `/t/${world.a.slug}` && call[1] === "layout");
    expect(layoutRefreshed).toBe(route.writes && can({ roles: [role] }, route.permission));
    if (!can({ roles: [role] }, route.permission)) {
      expect(answer.status).toBe(403);
      expect(answer.contentType).toBe("application/problem+json");
      expect(answer.body).toMatchObject({ status: 403, title: "Forbidden" });
      expect(await activityCount(world.a.id)).toBe(before);
      return;
    }
    expect(answer.status, answer.text).toBe(route.success);
    expect(answer.contentType).toMatch(/^application\/json/);
    if (!route.writes) {
      expect(await activityCount(world.a.id)).toBe(before);
      return;
    }
    expect(await activityCount(world.a.id)).toBe(before + 1);
    const entries = await inA((tx) => tx.select().from(activity).where(and(eq(activity.tenantId, world.a.id), eq(activity.actorEmail, keys[role].name))));
    const newest = entries.sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())[0]!;
    expect(newest).toMatchObject({ actorUserId: null, actorEmail: keys[role].name, details: expect.objectContaining({ apiKeyId: keys[role].id }) });
    expect(newest.summary).toMatch(new RegExp(`^${keys[role].name} .* \\(API key\\)$`));
  });

  it("without a key: 401 with the bearer challenge", async () => {
    const request = await route.prepare();
    const answer = await callApi(route.handler, { key: null, method: methodOf(name), ...request });
    expect(answer).toMatchObject({ status: 401, contentType: "application/problem+json" });
  });
});

describe("validation", () => {
  it("refuses a flow without a name or steps with the form's messages per field, as problem+json, writing nothing", async () => {
    const before = await activityCount(world.a.id);
    const answer = await callApi(flowList.POST, { key: keys.admin.key, method: "POST", body: { name: " ", steps: [] } });
    expect(answer.status).toBe(422);
    expect(answer.contentType).toBe("application/problem+json");
    const form = await actingAs(world.adminA, () => createFlow(world.a.slug, null, { name: " ", steps: [] }));
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(answer.body).toEqual({
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      detail: form.message,
      code: "VALIDATION",
      errors: form.fieldErrors,
    });
    expect(answer.body.errors).toEqual({ name: ["Enter a name for the flow."], steps: ["Choose at least one step."] });
    expect(await activityCount(world.a.id)).toBe(before);
  });

  it("refuses a body that is not a JSON object with 400", async () => {
    for (const body of ["not json", "[1,2]", "null"]) {
      const answer = await callApi(flowList.POST, { key: keys.admin.key, method: "POST", body });
      expect(answer, body).toMatchObject({ status: 400, contentType: "application/problem+json", body: { status: 400 } });
    }
  });

  it("answers a refusal of the action itself (a taken name, an address outside the approved domains) with the form's message", async () => {
    const taken = await seedFlow(world.a.id);
    const answer = await callApi(flowList.POST, { key: keys.editor.key, method: "POST", body: { name: taken.name, steps: ["validate"] } });
    expect(answer).toMatchObject({
      status: 409,
      body: { code: "CONFLICT", detail: "Choose another name.", errors: { name: ["A flow with this name already exists in this tenant."] } },
    });
    const existing = await seedMember(world.a.id);
    const form = await actingAs(world.adminA, () => addMemberAction(world.a.slug, null, { email: existing.email, roles: ["viewer"] }));
    const again = await callApi(members.POST, { key: keys.admin.key, method: "POST", body: { email: existing.email, roles: ["viewer"] } });
    expect(form.ok).toBe(false);
    expect(again).toMatchObject({ status: 409, body: { detail: form.ok ? "" : form.message } });
  });
});

describe("what the routes do", () => {
  it("creates a flow, renames it, runs it and lists its runs, as the key", async () => {
    const name = `pipeline-${uniqueSuffix()}`;
    const created = await callApi(flowList.POST, { key: keys.editor.key, method: "POST", body: { name, steps: ["validate", "checksum"] } });
    const flowId = created.body.id as string;
    expect(created.body).toEqual({ id: flowId, name });
    const [row] = await inA((tx) => tx.select().from(flows).where(and(eq(flows.tenantId, world.a.id), eq(flows.id, flowId))));
    expect(row).toMatchObject({ name, steps: ["validate", "checksum"], createdBy: null });
    const renamed = await callApi(flow.PATCH, { key: keys.editor.key, method: "PATCH", params: { flowId }, body: { name: `${name}-2` } });
    expect(renamed.body).toEqual({ id: flowId, name: `${name}-2` });
    const ran = await callApi(runs.POST, { key: keys.editor.key, method: "POST", params: { flowId } });
    expect(ran).toMatchObject({ status: 201, body: { status: "succeeded" } });
    const listed = await callApi(runs.GET, { key: keys.viewer.key, params: { flowId } });
    expect(listed.body).toMatchObject({ runs: [{ id: ran.body.runId, status: "succeeded", triggeredByEmail: null }], next: null });
    const [entry] = await inA((tx) => tx.select().from(activity).where(and(eq(activity.tenantId, world.a.id), eq(activity.action, "flow.ran"), eq(activity.targetId, flowId))));
    expect(entry?.summary).toBe(`${keys.editor.name} ran the flow ${name}-2: succeeded (API key)`);
  });

  it("pages a flow's runs with the cursor it answers", async () => {
    const seeded = await seedFlow(world.a.id);
    await inA(async (tx) => {
      for (let i = 0; i < 21; i++) {
        const startedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
        await insertFlowRun(tx, { flowId: seeded.id, status: "succeeded", triggeredBy: null, log: [], durationMs: 1, startedAt, finishedAt: startedAt });
      }
    });
    const first = await callApi(runs.GET, { key: keys.viewer.key, params: { flowId: seeded.id } });
    expect((first.body.runs as unknown[]).length).toBe(20);
    const second = await callApi(runs.GET, { key: keys.viewer.key, params: { flowId: seeded.id }, path: `/api/v1/flows/x/runs?after=${first.body.next}` });
    expect(second.body).toMatchObject({ runs: [{ startedAt: "2026-01-01T00:00:00.000Z" }], next: null });
  });

  it("lists members with the page's filters, adds, changes roles, suspends and removes", async () => {
    const target = await seedMember(world.a.id, ["viewer"]);
    const admins = await callApi(members.GET, { key: keys.viewer.key, path: "/api/v1/members?role=admin&size=250" });
    const rows = admins.body.members as { email: string; roles: string[] }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.roles.includes("admin"))).toBe(true);
    const found = await callApi(members.GET, { key: keys.viewer.key, path: `/api/v1/members?q=${encodeURIComponent(target.email)}` });
    expect(found.body).toMatchObject({ members: [{ id: target.id, email: target.email, status: "active" }], total: 1, page: 1 });

    const changed = await callApi(member.PATCH, { key: keys.admin.key, method: "PATCH", params: { memberId: target.id }, body: { roles: ["editor", "viewer"] } });
    expect(changed.body).toEqual({ memberId: target.id, roles: ["viewer", "editor"] });
    expect(await callApi(suspend.POST, { key: keys.admin.key, method: "POST", params: { memberId: target.id } })).toMatchObject({ status: 200 });
    const again = await callApi(suspend.POST, { key: keys.admin.key, method: "POST", params: { memberId: target.id } });
    expect(again).toMatchObject({ status: 409, body: { detail: `${target.email} is already suspended.` } });
    expect(await callApi(member.DELETE, { key: keys.admin.key, method: "DELETE", params: { memberId: target.id } })).toMatchObject({ status: 200 });
    expect(await inA((tx) => tx.select().from(memberships).where(eq(memberships.id, target.id)))).toEqual([]);

    const email = `api-invite-${uniqueSuffix()}@example.test`;
    const added = await callApi(members.POST, { key: keys.admin.key, method: "POST", body: { email, roles: "editor" } });
    expect(added).toMatchObject({ status: 201, body: { email, roles: ["editor"] } });
    const [entry] = await inA((tx) => tx.select().from(activity).where(and(eq(activity.tenantId, world.a.id), eq(activity.targetId, added.body.memberId as string))));
    expect(entry).toMatchObject({ action: "member.added", actorEmail: keys.admin.name, summary: `${keys.admin.name} added ${email} as Editor (API key)` });
  });

  it("lists the activity log with the page's filters and walks it with the keyset cursor", async () => {
    const mark = `marker${uniqueSuffix()}`;
    for (let i = 0; i < 26; i++) {
      await callApi(flowList.POST, { key: keys.editor.key, method: "POST", body: { name: `${mark}-${i}`, steps: ["validate"] } });
    }
    const first = await callApi(activityRoute.GET, { key: keys.viewer.key, path: `/api/v1/activity?action=flow.created&size=25` });
    const entries = first.body.entries as { summary: string; action: string }[];
    expect(entries.map((entry) => entry.summary)).toEqual(
      Array.from({ length: 25 }, (_, n) => 25 - n).map((i) => `${keys.editor.name} created the flow ${mark}-${i} (API key)`),
    );
    expect(first.body.newer).toBeNull();
    const older = await callApi(activityRoute.GET, { key: keys.viewer.key, path: `/api/v1/activity?action=flow.created&size=25&cursor=${first.body.older}` });
    expect((older.body.entries as { summary: string }[])[0]?.summary).toBe(`${keys.editor.name} created the flow ${mark}-0 (API key)`);
    expect(older.body.newer).toEqual(expect.any(String));
    // Another filter of the page: the target, which none of these entries is about.
    const none = await callApi(activityRoute.GET, { key: keys.viewer.key, path: `/api/v1/activity?action=flow.created&targetType=flow&targetId=${randomUUID()}` });
    expect(none.body).toEqual({ entries: [], older: null, newer: null });
  });

  it("answers 404 for an id that is not one, or that no row has", async () => {
    for (const flowId of ["not-a-uuid", randomUUID()]) {
      expect(await callApi(flow.GET, { key: keys.viewer.key, params: { flowId } }), flowId).toMatchObject({ status: 404, contentType: "application/problem+json" });
      expect(await callApi(flow.PATCH, { key: keys.admin.key, method: "PATCH", params: { flowId }, body: { name: "x" } })).toMatchObject({ status: 404 });
    }
  });
});

// "Viewers see dashboards only" (lib/permissions.ts): with the setting on, a Viewer key is refused every
// read of flows, credentials, connections and tables at the door (403, the answer of any key whose role lacks
// the permission: no id is looked up, so nothing of what exists leaks), and keeps every other route its
// role allows; an Editor key keeps them all. Every route on disk is in ROUTES, so a new one is covered.
describe("with Viewers see dashboards only on", () => {
  const setDashboardsOnly = (on: boolean) => withSystem((tx) => tx.update(tenants).set({ viewersSeeDashboardsOnly: on }).where(eq(tenants.id, world.a.id)));
  beforeAll(() => setDashboardsOnly(true));
  afterAll(() => setDashboardsOnly(false));

  it("refuses the Viewer key exactly the read routes of flows, credentials, connections and tables", () => {
    const refused = Object.entries(ROUTES)
      .filter(([, route]) => can({ roles: ["viewer"] }, route.permission) && !can({ roles: ["viewer"], viewersSeeDashboardsOnly: true }, route.permission))
      .map(([name]) => name)
      .sort();
    expect(refused).toEqual(["GET /connections", "GET /connections/{connectionId}", "GET /credentials", "GET /flows", "GET /flows/{flowId}", "GET /flows/{flowId}/runs", "GET /tables", "GET /tables/{tableId}", "GET /tables/{tableId}/rows", "GET /tables/{tableId}/rows/{rowId}"]);
  });

  describe.each(Object.entries(ROUTES).filter(([, route]) => !route.writes))("%s", (name, route) => {
    it("answers a Viewer key as the setting says, and an Editor key as before", async () => {
      const request = await route.prepare();
      const before = await activityCount(world.a.id);
      const viewer = await callApi(route.handler, { key: keys.viewer.key, method: methodOf(name), ...request });
      if (can({ roles: ["viewer"], viewersSeeDashboardsOnly: true }, route.permission)) {
        expect(viewer.status, viewer.text).toBe(route.success);
      } else {
        expect(viewer).toMatchObject({ status: 403, contentType: "application/problem+json", body: { status: 403, title: "Forbidden" } });
        expect(viewer.text).not.toMatch(/flow-|cred-|hook-/);
      }
      expect(await activityCount(world.a.id)).toBe(before);
      const editor = await callApi(route.handler, { key: keys.editor.key, method: methodOf(name), ...request });
      expect(editor.status, editor.text).toBe(route.success);
    });
  });
});
