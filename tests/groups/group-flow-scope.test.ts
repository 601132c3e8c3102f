// A custom group narrowed to particular flows ("Only these flows"), attacked: a member whose only Edit
// flows / Run flows comes from a group narrowed to flow X may act on X (in every environment) and is
// refused on Y exactly like a missing permission (FORBIDDEN, the same for a flow that does not exist:
// nothing leaks); creating a flow needs a tenant-wide grant; built-in roles and "All flows" groups are
// unscoped; the scope actions × callers; another tenant's flow and group ids replayed; the table under
// row-level security.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, flows, tenantGroupFlows, type Environment } from "@/db/schema";
import { insertFlow } from "@/db/queries/flows";
import { appendFlowVersion } from "@/db/queries/flow-versions";
import { insertGroupFlow } from "@/db/queries/group-flows";
import { updateGroup } from "@/db/queries/groups";
import type { ActionResult } from "@/lib/action-result";
import { can } from "@/lib/permissions";
import { addMember, createTwoTenants, createUser, databaseErrorOf, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { callApi, keyFor } from "../api/api-support";
import { entriesOf, inTenant, seedGroup } from "./groups-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createFlow, renameFlow, saveFlowSteps, restoreFlowVersion, deleteFlow, runFlow } = await import("@/app/t/[slug]/flows/actions");
const { setGroupFlowScope, addGroupFlow, removeGroupFlow } = await import("@/app/t/[slug]/groups/actions/group-flow-scope");
const { getActor } = await import("@/lib/actor");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;

/** A flow made directly in the tenant (no entry), with its first version; in Production unless named. */
async function seedFlow(tenantId: string, options: { id?: string; environment?: Environment } = {}) {
  return withTenant({ tenantId, userId: null }, async (tx) => {
    const flow = await insertFlow(tx, { ...options, name: `Flow ${uniqueSuffix()}`, steps: ["validate"], createdBy: null });
    await appendFlowVersion(tx, { environment: flow.environment, flowId: flow.id, name: flow.name, steps: flow.steps, reason: "saved", createdBy: null });
    return flow;
  });
}

/** A Viewer of tenant A in a custom group with `permissions`, narrowed to `flowIds` (unless `scoped` is false). */
async function memberOfGroup(permissions: string[], flowIds: string[], options: { scoped?: boolean; roles?: ("viewer" | "editor")[] } = {}) {
  const user = await createUser("scoped");
  await addMember(world.a.id, user.id, options.roles ?? ["viewer"]);
  const group = await seedGroup(world.a.id, permissions, [user.id]);
  await inTenant(world.a.id, async (tx) => {
    if (options.scoped !== false) await updateGroup(tx, group.id, { flowsScoped: true });
    for (const flowId of flowIds) await insertGroupFlow(tx, group.id, flowId);
  });
  return { user, group };
}

const flowRow = (tenantId: string, flowId: string) =>
  inTenant(tenantId, (tx) => tx.select().from(flows).where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId))).orderBy(flows.environment));

beforeAll(async () => {
  world = await createTwoTenants();
});

type FlowCall = (slug: string, flowId: string, environment?: Environment) => Promise<ActionResult<unknown>>;
const WRITE_ACTIONS: Record<string, FlowCall> = {
  rename: (slug, flowId, environment) => renameFlow(slug, null, { flowId, environment, name: `Renamed ${uniqueSuffix()}` }),
  "save steps": (slug, flowId, environment) => saveFlowSteps(slug, null, { flowId, environment, steps: ["validate", "notify"] }),
  restore: (slug, flowId, environment) => restoreFlowVersion(slug, null, { flowId, environment, version: 1 }),
  delete: (slug, flowId, environment) => deleteFlow(slug, null, { flowId, environment }),
};
const RUN_ACTIONS: Record<string, FlowCall> = { run: (slug, flowId, environment) => runFlow(slug, null, { flowId, environment }) };

describe("a member whose flow permissions come from a group narrowed to flow X", () => {
  for (const [name, call] of Object.entries({ ...WRITE_ACTIONS, ...RUN_ACTIONS })) {
    it(`${name}: allowed on X, refused on Y (like a missing permission), Y untouched`, async () => {
      const [x, y] = [await seedFlow(world.a.id), await seedFlow(world.a.id)];
      const { user } = await memberOfGroup(["flows.write", "flows.run"], [x.id]);
      const yBefore = await flowRow(world.a.id, y.id);
      const refused = await actingAs(user, () => call(world.a.slug, y.id));
      expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await flowRow(world.a.id, y.id)).toEqual(yBefore);
      expect(await actingAs(user, () => call(world.a.slug, x.id))).toMatchObject({ ok: true });
    });
  }

  it("an id that names no flow, or a malformed one, is refused the same as Y: the answer says nothing of what exists", async () => {
    const x = await seedFlow(world.a.id);
    const y = await seedFlow(world.a.id);
    const { user } = await memberOfGroup(["flows.write", "flows.run"], [x.id]);
    const answerFor = async (flowId: string) => actingAs(user, () => renameFlow(world.a.slug, null, { flowId, name: "Probe" }));
    const existing = await answerFor(y.id);
    for (const flowId of ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "", "x".repeat(100)]) {
      expect(await answerFor(flowId)).toEqual(existing);
    }
    expect(existing).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("another tenant's flow id is refused too, and that flow is untouched", async () => {
    const x = await seedFlow(world.a.id);
    const flowB = await seedFlow(world.b.id);
    const { user } = await memberOfGroup(["flows.write", "flows.run"], [x.id]);
    const before = await flowRow(world.b.id, flowB.id);
    for (const call of Object.values({ ...WRITE_ACTIONS, ...RUN_ACTIONS })) {
      expect(await actingAs(user, () => call(world.a.slug, flowB.id))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await flowRow(world.b.id, flowB.id)).toEqual(before);
  });

  it("the scope is the flow's id in every environment (a deploy keeps the id)", async () => {
    const x = await seedFlow(world.a.id);
    await seedFlow(world.a.id, { id: x.id, environment: "development" });
    const y = await seedFlow(world.a.id, { environment: "development" });
    const { user } = await memberOfGroup(["flows.write"], [x.id]);
    expect(await actingAs(user, () => WRITE_ACTIONS["save steps"]!(world.a.slug, x.id, "development"))).toMatchObject({ ok: true });
    expect(await actingAs(user, () => WRITE_ACTIONS["save steps"]!(world.a.slug, y.id, "development"))).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("creating a flow names no flow: only a tenant-wide Edit flows allows it", async () => {
    const x = await seedFlow(world.a.id);
    const { user } = await memberOfGroup(["flows.write"], [x.id]);
    expect(await actingAs(user, () => createFlow(world.a.slug, null, { name: `New ${uniqueSuffix()}`, steps: ["validate"] }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("the actor holds the narrowed permissions apart: can() without a flow says no", async () => {
    const x = await seedFlow(world.a.id);
    const { user } = await memberOfGroup(["flows.write", "flows.run", "tables.write"], [x.id]);
    const actor = await actingAs(user, () => getActor(world.a.slug));
    expect(actor!.groupPermissions).toEqual(["tables.write"]);
    expect(actor!.flowScopedPermissions).toEqual(["flows.write", "flows.run"]);
    expect(can(actor!, "flows.write")).toBe(false);
    expect(can(actor!, "tables.write")).toBe(true);
  });

  it("an empty list grants no flow; a permission the group does not carry is not granted for its flows", async () => {
    const x = await seedFlow(world.a.id);
    const empty = await memberOfGroup(["flows.write", "flows.run"], []);
    expect(await actingAs(empty.user, () => runFlow(world.a.slug, null, { flowId: x.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const writersOnly = await memberOfGroup(["flows.write"], [x.id]);
    expect(await actingAs(writersOnly.user, () => runFlow(world.a.slug, null, { flowId: x.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

describe("the flows list's per-row controls", () => {
  it("flowsActorMay: a narrowed member's flows among a page's, every flow for an Editor, none for a Viewer", async () => {
    const { flowsActorMay } = await import("@/lib/groups/flow-access");
    const [x, y] = [await seedFlow(world.a.id), await seedFlow(world.a.id)];
    const { user } = await memberOfGroup(["flows.run"], [x.id]);
    const viewer = await createUser("plain-viewer");
    await addMember(world.a.id, viewer.id, ["viewer"]);
    const mayRun = async (who: User) => {
      const actor = (await actingAs(who, () => getActor(world.a.slug)))!;
      return [...(await inTenant(world.a.id, (tx) => flowsActorMay(tx, actor, "flows.run", [x.id, y.id])))].sort();
    };
    expect(await mayRun(user)).toEqual([x.id]);
    expect(await mayRun(world.adminA)).toEqual([x.id, y.id].sort());
    expect(await mayRun(viewer)).toEqual([]);
  });
});

describe("what stays unscoped", () => {
  it("a group on All flows grants every flow, as before", async () => {
    const y = await seedFlow(world.a.id);
    const { user } = await memberOfGroup(["flows.write"], [], { scoped: false });
    expect(await actingAs(user, () => WRITE_ACTIONS.rename!(world.a.slug, y.id))).toMatchObject({ ok: true });
  });

  it("a built-in Editor in a narrowed group keeps every flow; another group on All flows also grants Y", async () => {
    const [x, y] = [await seedFlow(world.a.id), await seedFlow(world.a.id)];
    const editor = await memberOfGroup(["flows.write"], [x.id], { roles: ["editor"] });
    expect(await actingAs(editor.user, () => WRITE_ACTIONS.rename!(world.a.slug, y.id))).toMatchObject({ ok: true });
    const both = await memberOfGroup(["flows.write"], [x.id]);
    await seedGroup(world.a.id, ["flows.write"], [both.user.id]);
    expect(await actingAs(both.user, () => WRITE_ACTIONS.rename!(world.a.slug, y.id))).toMatchObject({ ok: true });
  });

  it("a group narrowed for its flow permissions keeps its other permissions tenant-wide, and one permission per group scope", async () => {
    const [x, y] = [await seedFlow(world.a.id), await seedFlow(world.a.id)];
    const { user } = await memberOfGroup(["flows.write"], [x.id]);
    await seedGroup(world.a.id, ["flows.run"], [user.id]);
    expect(await actingAs(user, () => runFlow(world.a.slug, null, { flowId: y.id }))).toMatchObject({ ok: true });
    expect(await actingAs(user, () => WRITE_ACTIONS.rename!(world.a.slug, y.id))).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("the change is effective on the next request: switching the group back to All flows grants Y", async () => {
    const [x, y] = [await seedFlow(world.a.id), await seedFlow(world.a.id)];
    const { user, group } = await memberOfGroup(["flows.write"], [x.id]);
    expect(await actingAs(user, () => WRITE_ACTIONS.rename!(world.a.slug, y.id))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await actingAs(world.adminA, () => setGroupFlowScope(world.a.slug, null, { groupId: group.id, flowScope: "all" }))).toMatchObject({ ok: true });
    expect(await actingAs(user, () => WRITE_ACTIONS.rename!(world.a.slug, y.id))).toMatchObject({ ok: true });
  });
});

describe("the REST API's flow routes", () => {
  it("an API key's role is never narrowed: an Editor key renames and runs a flow no group lists, even while a group is narrowed", async () => {
    const [x, y] = [await seedFlow(world.a.id), await seedFlow(world.a.id)];
    await memberOfGroup(["flows.write", "flows.run"], [x.id]);
    const flowRoute = await import("@/app/api/v1/flows/[flowId]/route");
    const runsRoute = await import("@/app/api/v1/flows/[flowId]/runs/route");
    const editorKey = await keyFor(world.a.id, "editor");
    const renamed = await callApi(flowRoute.PATCH, { key: editorKey.key, method: "PATCH", params: { flowId: y.id }, body: { name: `Via API ${uniqueSuffix()}` } });
    expect(renamed.status).toBe(200);
    expect((await callApi(runsRoute.POST, { key: editorKey.key, method: "POST", params: { flowId: y.id } })).status).toBe(201);
    const viewerKey = await keyFor(world.a.id, "viewer");
    expect((await callApi(flowRoute.PATCH, { key: viewerKey.key, method: "PATCH", params: { flowId: x.id }, body: { name: "Nope" } })).status).toBe(403);
  });
});

type Expected = "ok" | "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED";

describe("the flow scope actions × callers", () => {
  const callers: Record<string, () => Promise<User | null>> = {
    Admin: async () => world.adminA,
    Editor: async () => {
      const user = await createUser("editor");
      await addMember(world.a.id, user.id, ["editor"]);
      return user;
    },
    "Viewer in a group with Manage members": async () => (await memberOfGroup(["members.manage"], [], { scoped: false })).user,
    "Admin of another tenant": async () => world.adminB,
    "signed-out visitor": async () => null,
  };
  const EXPECTED: Record<string, Expected> = {
    Admin: "ok",
    Editor: "FORBIDDEN",
    "Viewer in a group with Manage members": "ok",
    "Admin of another tenant": "NOT_FOUND",
    "signed-out visitor": "UNAUTHENTICATED",
  };
  const ACTIONS: Record<string, { entry: string; call: (groupId: string, flowId: string) => Promise<ActionResult<unknown>> }> = {
    "set flow scope": { entry: "group.flow_scope_changed", call: (groupId) => setGroupFlowScope(world.a.slug, null, { groupId, flowScope: "all" }) },
    "add flow": { entry: "group.flow_added", call: (groupId, flowId) => addGroupFlow(world.a.slug, null, { groupId, flowId }) },
    "remove flow": { entry: "group.flow_removed", call: (groupId, flowId) => removeGroupFlow(world.a.slug, null, { groupId, flowId }) },
  };
  for (const [name, { entry, call }] of Object.entries(ACTIONS)) {
    for (const [caller, expected] of Object.entries(EXPECTED)) {
      it(`${name} by ${caller}: ${expected}`, async () => {
        const [listed, other] = [await seedFlow(world.a.id), await seedFlow(world.a.id)];
        const { group } = await memberOfGroup(["flows.write"], [listed.id]);
        const flowId = name === "add flow" ? other.id : listed.id;
        const scopeOf = () => inTenant(world.a.id, (tx) => tx.select().from(tenantGroupFlows).where(eq(tenantGroupFlows.groupId, group.id)));
        const before = { scope: await scopeOf(), entries: (await entriesOf(world.a.id, entry)).length };
        const result = await actingAs(await callers[caller]!(), () => call(group.id, flowId));
        if (expected !== "ok") {
          expect(result).toMatchObject({ ok: false, code: expected });
          expect({ scope: await scopeOf(), entries: (await entriesOf(world.a.id, entry)).length }).toEqual(before);
          return;
        }
        expect(result).toMatchObject({ ok: true });
        const entries = (await entriesOf(world.a.id, entry)).filter((e) => e.targetId === group.id);
        expect(entries).toHaveLength(1);
        if (name === "add flow") expect((await scopeOf()).map((row) => row.flowId).sort()).toEqual([listed.id, other.id].sort());
        if (name === "remove flow") expect(await scopeOf()).toEqual([]);
      });
    }
  }

  it("the same scope, or a flow already listed, again changes nothing and writes no entry", async () => {
    const x = await seedFlow(world.a.id);
    const { group } = await memberOfGroup(["flows.write"], [x.id]);
    const count = async () => (await inTenant(world.a.id, (tx) => tx.select({ id: activity.id }).from(activity).where(eq(activity.targetId, group.id)))).length;
    const before = await count();
    expect(await actingAs(world.adminA, () => setGroupFlowScope(world.a.slug, null, { groupId: group.id, flowScope: "selected" }))).toMatchObject({ ok: true, message: "Nothing changed." });
    expect(await actingAs(world.adminA, () => addGroupFlow(world.a.slug, null, { groupId: group.id, flowId: x.id }))).toMatchObject({ ok: true });
    expect(await count()).toBe(before);
  });

  it("bad input: a scope other than the two is refused next to its field", async () => {
    const { group } = await memberOfGroup(["flows.write"], []);
    const result = await actingAs(world.adminA, () => setGroupFlowScope(world.a.slug, null, { groupId: group.id, flowScope: "some" }));
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!result.ok && result.fieldErrors?.flowScope?.join(" ")).toMatch(/All flows or Only these flows/);
  });
});

describe("another tenant's ids, replayed from tenant A", () => {
  it("A's group with B's flow id: not found, nothing written; B's group with A's flow: not found", async () => {
    const flowA = await seedFlow(world.a.id);
    const flowB = await seedFlow(world.b.id);
    const { group } = await memberOfGroup(["flows.write"], []);
    const groupB = await seedGroup(world.b.id, ["flows.write"], [world.adminB.id]);
    const attempts: (() => Promise<ActionResult<unknown>>)[] = [
      () => addGroupFlow(world.a.slug, null, { groupId: group.id, flowId: flowB.id }),
      () => addGroupFlow(world.a.slug, null, { groupId: groupB.id, flowId: flowA.id }),
      () => setGroupFlowScope(world.a.slug, null, { groupId: groupB.id, flowScope: "selected" }),
      () => removeGroupFlow(world.a.slug, null, { groupId: groupB.id, flowId: flowB.id }),
      () => addGroupFlow(world.a.slug, null, { groupId: group.id, flowId: "not-a-uuid" }),
    ];
    for (const attempt of attempts) expect(await actingAs(world.adminA, attempt)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const rows = await Promise.all([world.a.id, world.b.id].map((tenantId) => inTenant(tenantId, (tx) => tx.select().from(tenantGroupFlows).where(eq(tenantGroupFlows.groupId, tenantId === world.a.id ? group.id : groupB.id)))));
    expect(rows).toEqual([[], []]);
  });

  it("a scope row naming B's flow cannot be written for A's group, nor a row of B from A's scope", async () => {
    const flowB = await seedFlow(world.b.id);
    const { group } = await memberOfGroup(["flows.write"], []);
    const groupB = await seedGroup(world.b.id, ["flows.write"]);
    expect(await databaseErrorOf(inTenant(world.a.id, (tx) => tx.insert(tenantGroupFlows).values({ tenantId: world.a.id, groupId: group.id, flowId: flowB.id, environment: "production" })))).toMatch(/foreign key/);
    expect(await databaseErrorOf(inTenant(world.a.id, (tx) => tx.insert(tenantGroupFlows).values({ tenantId: world.b.id, groupId: groupB.id, flowId: flowB.id, environment: "production" })))).toMatch(/row-level security/);
  });

  it("deleting the copy a group points at keeps the flow in the group while another environment has it; the last copy takes it away", async () => {
    // Picked while only Development had it; then Production got a copy with the same id (a deploy).
    const x = await seedFlow(world.a.id, { environment: "development" });
    const { user, group } = await memberOfGroup(["flows.write"], [x.id]);
    await seedFlow(world.a.id, { id: x.id, environment: "production" });
    const scopeRows = () => inTenant(world.a.id, (tx) => tx.select().from(tenantGroupFlows).where(eq(tenantGroupFlows.groupId, group.id)));
    expect((await scopeRows()).map((row) => [row.flowId, row.environment])).toEqual([[x.id, "development"]]);
    expect(await actingAs(world.adminA, () => deleteFlow(world.a.slug, null, { flowId: x.id, environment: "development" }))).toMatchObject({ ok: true });
    expect((await scopeRows()).map((row) => [row.flowId, row.environment])).toEqual([[x.id, "production"]]);
    // The member still edits the flow where it remains.
    expect(await actingAs(user, () => renameFlow(world.a.slug, null, { flowId: x.id, environment: "production", name: `Kept ${uniqueSuffix()}` }))).toMatchObject({ ok: true });
    expect(await actingAs(world.adminA, () => deleteFlow(world.a.slug, null, { flowId: x.id, environment: "production" }))).toMatchObject({ ok: true });
    expect(await scopeRows()).toEqual([]);
  });

  it("a tenant scope sees its own scope rows only; deleting the flow or the group takes them away", async () => {
    const [x, y] = [await seedFlow(world.a.id), await seedFlow(world.a.id)];
    const { group } = await memberOfGroup(["flows.write"], [x.id, y.id]);
    const flowB = await seedFlow(world.b.id);
    const groupB = await seedGroup(world.b.id, ["flows.write"]);
    await inTenant(world.b.id, (tx) => insertGroupFlow(tx, groupB.id, flowB.id));
    const seen = await inTenant(world.a.id, (tx) => tx.select().from(tenantGroupFlows));
    expect(new Set(seen.map((row) => row.tenantId))).toEqual(new Set([world.a.id]));
    expect(await actingAs(world.adminA, () => deleteFlow(world.a.slug, null, { flowId: x.id }))).toMatchObject({ ok: true });
    const left = await inTenant(world.a.id, (tx) => tx.select().from(tenantGroupFlows).where(eq(tenantGroupFlows.groupId, group.id)));
    expect(left.map((row) => row.flowId)).toEqual([y.id]);
  });
});
