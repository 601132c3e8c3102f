// Connections through their server actions, attacked: every action × every kind of caller (Editors and
// Admins manage, Viewers are refused), another tenant's ids in every action and in a flow's steps,
// malformed ids, bad input refused per field with nothing written, and secrets in no result, entry or
// stored column as plaintext.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { enterTenant, withSystem } from "@/db/scopes";
import { activity, connections, flows } from "@/db/schema";
import { deactivateTenantConnections } from "@/db/queries/connections";
import { connectionStep } from "@/lib/flows/steps";
import { createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { actingAs, signInAs } from "../support/session";
import { EDITOR_ACTION_REFUSALS, editorActionCallers } from "../support/editor-callers";
import { connectionRow, connectionRows, entriesOf, httpApiFields, inTenant, secretsOf, seedConnection } from "./connections-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createConnection, updateConnectionAction, testConnectionAction, deactivateConnection, activateConnection, deleteConnection } = await import(
  "@/app/t/[slug]/connections/actions"
);
const { createFlow, saveFlowSteps } = await import("@/app/t/[slug]/flows/actions");
const { registeredActions } = await import("@/lib/actions/core");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
const callers: Record<string, User | null> = {};

const seed = (tenant: "a" | "b" = "a", fields?: Record<string, unknown>) =>
  seedConnection(createConnection, world[tenant].slug, tenant === "a" ? world.adminA : world.adminB, fields);

/** Everything a connections action could change in a tenant. */
async function snapshot(tenantId: string) {
  return inTenant(tenantId, async (tx) => ({
    connections: await tx.select().from(connections).where(eq(connections.tenantId, tenantId)).orderBy(connections.id),
    entries: (await tx.select({ id: activity.id }).from(activity).where(eq(activity.tenantId, tenantId))).length,
  }));
}

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  Object.assign(callers, await editorActionCallers(world));
});

const cases = Object.entries(EDITOR_ACTION_REFUSALS);

// Each action with a fresh target, and what its success must have done.
const ACTIONS: Record<string, { prepare: () => Promise<{ id: string; name: string }>; call: (slug: string, target: { id: string; name: string }) => Promise<unknown>; succeeded: (target: { id: string; name: string }) => Promise<void> }> = {
  "connection.create": {
    prepare: async () => ({ id: "", name: `new-${uniqueSuffix()}` }),
    call: (slug, t) => createConnection(slug, null, { name: t.name, ...httpApiFields("https://api.example.com", "brand-new-token-value") }),
    async succeeded(t) {
      const row = (await connectionRows(world.a.id)).find((r) => r.name === t.name);
      expect(row).toMatchObject({ connector: "http_api", status: "active", settings: { baseUrl: "https://api.example.com", authType: "bearer" } });
      expect(secretsOf(row!)).toEqual({ token: "brand-new-token-value" });
    },
  },
  "connection.update": {
    prepare: () => seed("a", httpApiFields()),
    call: (slug, t) => updateConnectionAction(slug, null, { connectionId: t.id, name: `${t.name}-edited`, baseUrl: "https://other.example.com", authType: "bearer" }),
    async succeeded(t) {
      const row = await connectionRow(world.a.id, t.id);
      expect(row).toMatchObject({ name: `${t.name}-edited`, settings: { baseUrl: "https://other.example.com" } });
      // The token field was left empty: the stored token is kept.
      expect(secretsOf(row!).token).toMatch(/_SECRET$/);
    },
  },
  "connection.test": {
    prepare: () => seed("a"),
    call: (slug, t) => testConnectionAction(slug, null, { connectionId: t.id }),
    async succeeded(t) {
      expect((await connectionRow(world.a.id, t.id))?.lastTestedAt).toBeInstanceOf(Date);
    },
  },
  "connection.deactivate": {
    prepare: () => seed("a"),
    call: (slug, t) => deactivateConnection(slug, null, { connectionId: t.id }),
    async succeeded(t) {
      expect((await connectionRow(world.a.id, t.id))?.status).toBe("inactive");
    },
  },
  "connection.activate": {
    async prepare() {
      const target = await seed("a");
      await actingAs(world.adminA, () => deactivateConnection(world.a.slug, null, { connectionId: target.id }));
      return target;
    },
    call: (slug, t) => activateConnection(slug, null, { connectionId: t.id }),
    async succeeded(t) {
      expect((await connectionRow(world.a.id, t.id))?.status).toBe("active");
    },
  },
  "connection.delete": {
    prepare: () => seed("a"),
    call: (slug, t) => deleteConnection(slug, null, { connectionId: t.id }),
    async succeeded(t) {
      expect(await connectionRow(world.a.id, t.id)).toBeNull();
    },
  },
};

describe("connections actions × callers", () => {
  it("covers every connections action there is, each needing connections.manage", () => {
    const registered = [...registeredActions.keys()].filter((name) => name.startsWith("connection."));
    expect(registered.sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const name of registered) expect(registeredActions.get(name)).toEqual({ scope: "tenant", permission: "connections.manage" });
  });

  describe.each(Object.entries(ACTIONS))("%s", (name, action) => {
    it.each(cases)("as %s", async (caller, refusal) => {
      const target = await action.prepare();
      const before = await snapshot(world.a.id);
      signInAs(callers[caller]!);
      const result = await action.call(world.a.slug, target);
      if (refusal) {
        expect(result).toMatchObject({ ok: false, code: refusal });
        expect(await snapshot(world.a.id)).toEqual(before);
        return;
      }
      expect(result).toMatchObject({ ok: true });
      await action.succeeded(target);
      const entries = await entriesOf(world.a.id, name.replace(/\.(\w+)$/, (_, verb: string) => `.${{ create: "created", update: "updated", test: "tested", deactivate: "deactivated", activate: "activated", delete: "deleted" }[verb]}`));
      expect(entries.some((entry) => entry.actorUserId === callers[caller]!.id && entry.targetType === "connection")).toBe(true);
    });
  });
});

describe("another tenant's connections", () => {
  it("A's Editor cannot edit, test, deactivate, activate or delete B's connection by its id (not found, B untouched)", async () => {
    const victim = await seed("b", httpApiFields());
    const [beforeA, beforeB] = [await snapshot(world.a.id), await snapshot(world.b.id)];
    signInAs(callers.editor!);
    for (const result of [
      await updateConnectionAction(world.a.slug, null, { connectionId: victim.id, name: "hijacked", ...httpApiFields("https://attacker.example") }),
      await testConnectionAction(world.a.slug, null, { connectionId: victim.id }),
      await deactivateConnection(world.a.slug, null, { connectionId: victim.id }),
      await activateConnection(world.a.slug, null, { connectionId: victim.id }),
      await deleteConnection(world.a.slug, null, { connectionId: victim.id }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await snapshot(world.a.id)).toEqual(beforeA);
    expect(await snapshot(world.b.id)).toEqual(beforeB);
  });

  it("A's Admin aiming at B's slug is not found, whatever the id", async () => {
    const victim = await seed("b");
    const before = await snapshot(world.b.id);
    const result = await actingAs(world.adminA, () => deleteConnection(world.b.slug, null, { connectionId: victim.id }));
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot(world.b.id)).toEqual(before);
  });

  it("answers NOT_FOUND for ids that are not ids at all", async () => {
    const before = await snapshot(world.a.id);
    for (const connectionId of ["", "not-a-uuid", randomUUID(), "' or 1=1 --"]) {
      const result = await actingAs(world.adminA, () => deleteConnection(world.a.slug, null, { connectionId }));
      expect(result, connectionId).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await snapshot(world.a.id)).toEqual(before);
  });

  it("a flow in A may use A's connection, and is refused B's connection (create and save steps), nothing written", async () => {
    const own = await seed("a");
    const foreign = await seed("b");
    signInAs(callers.editor!);
    const created = await createFlow(world.a.slug, null, { name: `uses-own-${uniqueSuffix()}`, steps: ["validate", connectionStep(own.id)] });
    expect(created).toMatchObject({ ok: true });
    const flowId = (created as { data: { id: string } }).data.id;

    const name = `uses-foreign-${uniqueSuffix()}`;
    const refused = await createFlow(world.a.slug, null, { name, steps: ["validate", connectionStep(foreign.id)] });
    expect(refused).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { steps: [expect.stringMatching(/does not exist in this tenant/)] } });
    expect(await inTenant(world.a.id, (tx) => tx.select().from(flows).where(eq(flows.name, name)))).toEqual([]);

    const saved = await saveFlowSteps(world.a.slug, null, { flowId, steps: [connectionStep(foreign.id)] });
    expect(saved).toMatchObject({ ok: false, code: "VALIDATION" });
    const [flow] = await inTenant(world.a.id, (tx) => tx.select().from(flows).where(eq(flows.id, flowId)));
    expect(flow?.steps).toEqual(["validate", connectionStep(own.id)]);
    // A random id and a malformed one are refused too.
    expect(await saveFlowSteps(world.a.slug, null, { flowId, steps: [connectionStep(randomUUID())] })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await saveFlowSteps(world.a.slug, null, { flowId, steps: ["connection:nope"] })).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("a run uses an active connection, and fails at the step of an inactive one", async () => {
    const { runFlow } = await import("@/app/t/[slug]/flows/actions");
    const connection = await seed("a");
    signInAs(callers.editor!);
    const created = (await createFlow(world.a.slug, null, { name: `run-${uniqueSuffix()}`, steps: [connectionStep(connection.id)] })) as { ok: true; data: { id: string } };
    expect(await runFlow(world.a.slug, null, { flowId: created.data.id })).toMatchObject({ ok: true, data: { status: "succeeded" } });
    await deactivateConnection(world.a.slug, null, { connectionId: connection.id });
    expect(await runFlow(world.a.slug, null, { flowId: created.data.id })).toMatchObject({ ok: true, data: { status: "failed" } });
  });

  it("row-level security: raw queries in tenant A see, change and delete none of B's rows", async () => {
    const victim = await seed("b");
    const seen = await inTenant(world.a.id, (tx) => tx.execute(sql`select id from connections where id = ${victim.id}`));
    expect(JSON.stringify(seen)).not.toContain(victim.id);
    await inTenant(world.a.id, async (tx) => {
      await tx.update(connections).set({ name: "hacked" }).where(eq(connections.id, victim.id));
      await tx.delete(connections).where(eq(connections.id, victim.id));
    });
    expect((await connectionRow(world.b.id, victim.id))?.name).toBe(victim.name);
    expect(await withSystem((tx) => tx.select({ id: connections.id }).from(connections))).toEqual([]);
    const sealed = (await connectionRow(world.b.id, victim.id))!;
    await expect(inTenant(world.a.id, (tx) => tx.insert(connections).values({ ...sealed, id: randomUUID(), name: `planted-${uniqueSuffix()}` }))).rejects.toThrow();
  });
});

describe("input", () => {
  it("refuses each connector's missing fields under the field, writing nothing", async () => {
    const before = await snapshot(world.a.id);
    signInAs(callers.editor!);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ connector: "http_api", authType: "bearer" }, ["baseUrl", "token"]],
      [{ connector: "http_api", baseUrl: "ftp://files.example.com", authType: "basic" }, ["baseUrl", "username", "password"]],
      [{ connector: "http_api", baseUrl: "https://user:pw@api.example.com", token: "t" }, ["baseUrl"]],
      [{ connector: "smtp", port: "70000" }, ["port"]],
      [{ connector: "smtp" }, ["host", "port"]],
      [{ connector: "carrier-pigeon" }, ["connector"]],
      [{ connector: "incoming_webhook", name: "" }, ["name"]],
    ];
    for (const [fields, errored] of cases) {
      const result = await createConnection(world.a.slug, null, { name: `bad-${uniqueSuffix()}`, ...fields });
      expect(result, JSON.stringify(fields)).toMatchObject({ ok: false, code: "VALIDATION" });
      expect(Object.keys((result as { fieldErrors: object }).fieldErrors).sort(), JSON.stringify(fields)).toEqual(errored.sort());
    }
    expect(await snapshot(world.a.id)).toEqual(before);
  });

  it("refuses a name taken in the tenant; the same name in another tenant is fine", async () => {
    const taken = await seed("a");
    signInAs(callers.editor!);
    expect(await createConnection(world.a.slug, null, { name: taken.name, connector: "incoming_webhook" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await actingAs(world.adminB, () => createConnection(world.b.slug, null, { name: taken.name, connector: "incoming_webhook" }))).toMatchObject({ ok: true });
  });
});

describe("secrets", () => {
  it("are in no result, no activity entry and no stored column as plaintext; an edit leaving them empty keeps them", async () => {
    const token = `sk_live_${uniqueSuffix()}${uniqueSuffix()}_PLAINTEXT_MARKER`;
    const password = `pw_${uniqueSuffix()}_PLAINTEXT_MARKER`;
    signInAs(callers.editor!);
    const results: unknown[] = [];
    const created = (await createConnection(world.a.slug, null, { name: `secret-${uniqueSuffix()}`, ...httpApiFields("https://api.example.com", token) })) as { ok: true; data: { id: string } };
    results.push(created);
    const id = created.data.id;
    results.push(await updateConnectionAction(world.a.slug, null, { connectionId: id, name: "renamed secret", baseUrl: "https://api.example.com", authType: "basic", username: "ada", password }));
    const smtp = await createConnection(world.a.slug, null, { name: `smtp-${uniqueSuffix()}`, connector: "smtp", host: "smtp.example.com", port: "587", username: "ada", password });
    results.push(smtp);
    results.push(await updateConnectionAction(world.a.slug, null, { connectionId: (smtp as { data: { id: string } }).data.id, name: "smtp kept", host: "smtp.example.com", port: 2525, username: "ada" }));
    const row = (await connectionRow(world.a.id, (smtp as { data: { id: string } }).data.id))!;
    expect(secretsOf(row)).toEqual({ password });
    expect(row.settings).toEqual({ host: "smtp.example.com", port: 2525, tls: false, username: "ada" });

    const raw = JSON.stringify(await inTenant(world.a.id, (tx) => tx.execute(sql`select c::text as row from connections c`)));
    const entries = JSON.stringify(await inTenant(world.a.id, (tx) => tx.select().from(activity).where(eq(activity.tenantId, world.a.id))));
    for (const haystack of [raw, entries, JSON.stringify(results)]) {
      expect(haystack).not.toContain("PLAINTEXT_MARKER");
      expect(haystack).not.toContain(Buffer.from(token).toString("base64").slice(0, 16));
    }
    // A sealed secret copied into another row does not open there (bound to its tenant and row).
    const other = (await connectionRow(world.a.id, id))!;
    expect(() => secretsOf({ ...other, id: randomUUID() })).toThrow();
  });
});

describe("deactivateTenantConnections (archiving a tenant)", () => {
  it("makes every connection of the tenant inactive, and none of another tenant's", async () => {
    const tenant = await createTwoTenants();
    for (const which of ["a", "a", "b"] as const) {
      await seedConnection(createConnection, tenant[which].slug, which === "a" ? tenant.adminA : tenant.adminB);
    }
    const changed = await withSystem(async (tx) => deactivateTenantConnections(await enterTenant(tx, { tenantId: tenant.a.id, userId: null }), tenant.a.id));
    expect(changed).toBe(2);
    expect((await connectionRows(tenant.a.id)).map((row) => row.status)).toEqual(["inactive", "inactive"]);
    expect((await connectionRows(tenant.b.id)).map((row) => row.status)).toEqual(["active"]);
    // Even asked for B from A's scope, row-level security leaves B alone.
    const crossed = await withSystem(async (tx) => deactivateTenantConnections(await enterTenant(tx, { tenantId: tenant.a.id, userId: null }), tenant.b.id));
    expect(crossed).toBe(0);
    expect((await connectionRows(tenant.b.id)).map((row) => row.status)).toEqual(["active"]);
  });
});
