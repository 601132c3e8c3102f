// Flows through their server actions, attacked: every caller x action, another tenant's ids,
// malformed ids, unique names, and the flow cap (also under 20 parallel creates).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flowRuns, flows, tenants } from "@/db/schema";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { raceBehindTenantLock } from "../support/forced-race";
import { signInAs } from "../support/session";
import { EDITOR_ACTION_REFUSALS, editorActionCallers } from "../support/editor-callers";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createFlow, renameFlow, deleteFlow, runFlow } = await import("@/app/t/[slug]/flows/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
const callers: Record<string, User | null> = {};

async function seedFlow(tenantId: string, name = `flow ${uniqueSuffix()}`, steps = ["validate", "notify"]) {
  const [row] = await withTenant({ tenantId, userId: null }, (tx) => tx.insert(flows).values({ tenantId, name, steps }).returning());
  return row!;
}
const flowsOf = (tenantId: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, tenantId)));
const flowById = async (tenantId: string, id: string) => (await flowsOf(tenantId)).find((flow) => flow.id === id);
const runsOf = (tenantId: string, flowId: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(flowRuns).where(and(eq(flowRuns.tenantId, tenantId), eq(flowRuns.flowId, flowId))));
const entries = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));
const setFlowCap = (tenantId: string, flowCap: number) => withSystem((tx) => tx.update(tenants).set({ flowCap }).where(eq(tenants.id, tenantId)));
const flowCountOf = async (tenantId: string) =>
  (await withSystem((tx) => tx.select({ count: tenants.flowCount }).from(tenants).where(eq(tenants.id, tenantId))))[0]!.count;

beforeAll(async () => {
  world = await createTwoTenants();
  await setFlowCap(world.a.id, 1000);
  Object.assign(callers, await editorActionCallers(world));
});

// What each caller gets from each action in tenant A (null = allowed).
const cases = Object.entries(EDITOR_ACTION_REFUSALS);

describe("flow actions x callers", () => {
  it.each(cases)("create as %s", async (caller, refusal) => {
    signInAs(callers[caller]!);
    const name = `Created by ${caller} ${uniqueSuffix()}`;
    const result = await createFlow(world.a.slug, null, { name, steps: ["validate"] });
    const created = (await flowsOf(world.a.id)).filter((flow) => flow.name === name);
    if (refusal) {
      expect(result).toMatchObject({ ok: false, code: refusal });
      expect(created).toEqual([]);
    } else {
      expect(result).toMatchObject({ ok: true, data: { name } });
      expect(created).toMatchObject([{ steps: ["validate"], createdBy: callers[caller]!.id }]);
      expect((await entries(world.a.id, "flow.created")).some((e) => e.targetId === created[0]!.id && e.actorUserId === callers[caller]!.id)).toBe(true);
    }
  });

  it.each(cases)("rename as %s", async (caller, refusal) => {
    const flow = await seedFlow(world.a.id);
    signInAs(callers[caller]!);
    const name = `Renamed by ${caller} ${uniqueSuffix()}`;
    const result = await renameFlow(world.a.slug, null, { flowId: flow.id, name });
    expect(result).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true, data: { id: flow.id, name } });
    expect((await flowById(world.a.id, flow.id))?.name).toBe(refusal ? flow.name : name);
    expect((await entries(world.a.id, "flow.renamed")).some((e) => e.targetId === flow.id)).toBe(!refusal);
  });

  it.each(cases)("delete as %s", async (caller, refusal) => {
    const flow = await seedFlow(world.a.id);
    signInAs(callers[caller]!);
    const result = await deleteFlow(world.a.slug, null, { flowId: flow.id });
    expect(result).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    expect(Boolean(await flowById(world.a.id, flow.id))).toBe(Boolean(refusal));
    expect((await entries(world.a.id, "flow.deleted")).some((e) => e.targetId === flow.id)).toBe(!refusal);
  });

  it.each(cases)("run as %s", async (caller, refusal) => {
    const flow = await seedFlow(world.a.id);
    signInAs(callers[caller]!);
    const result = await runFlow(world.a.slug, null, { flowId: flow.id });
    expect(result).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true, data: { status: "succeeded" } });
    const runs = await runsOf(world.a.id, flow.id);
    expect(runs).toHaveLength(refusal ? 0 : 1);
    if (!refusal) expect(runs[0]).toMatchObject({ triggeredBy: callers[caller]!.id, status: "succeeded" });
  });
});

describe("another tenant's flows and malformed ids", () => {
  const ids = ["not-a-uuid", "'; drop table flows; --", "00000000-0000-0000-0000-000000000000", ""];

  it("answer NOT_FOUND for every action, even to an Admin, and change nothing in the other tenant", async () => {
    const theirs = await seedFlow(world.b.id, `Theirs ${uniqueSuffix()}`);
    signInAs(world.adminA);
    for (const flowId of [theirs.id, ...ids]) {
      expect(await renameFlow(world.a.slug, null, { flowId, name: "Stolen" }), flowId).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await runFlow(world.a.slug, null, { flowId }), flowId).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await deleteFlow(world.a.slug, null, { flowId }), flowId).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await flowById(world.b.id, theirs.id)).toMatchObject({ name: theirs.name });
    expect(await runsOf(world.b.id, theirs.id)).toEqual([]);
  });

  it("a tenant slug taken from the URL of another tenant does not help", async () => {
    const theirs = await seedFlow(world.b.id);
    signInAs(world.adminA);
    expect(await deleteFlow(world.b.slug, null, { flowId: theirs.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await flowById(world.b.id, theirs.id)).toBeDefined();
  });
});

describe("names", () => {
  it("are unique within a tenant: a duplicate is refused next to the field", async () => {
    const existing = await seedFlow(world.a.id, `Invoices ${uniqueSuffix()}`);
    signInAs(callers.editor!);
    const duplicate = await createFlow(world.a.slug, null, { name: `  ${existing.name}  `, steps: ["validate"] });
    expect(duplicate).toMatchObject({ ok: false, code: "CONFLICT", message: "Choose another name.", fieldErrors: { name: [expect.stringMatching(/already exists/)] } });
    const other = await seedFlow(world.a.id);
    const rename = await renameFlow(world.a.slug, null, { flowId: other.id, name: existing.name });
    expect(rename).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { name: [expect.stringMatching(/already exists/)] } });
    expect((await flowsOf(world.a.id)).filter((flow) => flow.name === existing.name)).toHaveLength(1);
  });

  it("can repeat across tenants", async () => {
    const name = `Shared name ${uniqueSuffix()}`;
    await seedFlow(world.b.id, name);
    signInAs(callers.editor!);
    expect(await createFlow(world.a.slug, null, { name, steps: ["validate"] })).toMatchObject({ ok: true });
  });

  it("renaming a flow to its own name is allowed", async () => {
    const flow = await seedFlow(world.a.id);
    signInAs(callers.editor!);
    expect(await renameFlow(world.a.slug, null, { flowId: flow.id, name: flow.name })).toMatchObject({ ok: true });
  });

  it("bad input is refused field by field", async () => {
    signInAs(callers.editor!);
    const form = new FormData();
    form.set("name", "   ");
    for (const step of ["", "", "explode"]) form.append("steps", step);
    const result = await createFlow(world.a.slug, null, form);
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: ["Enter a name for the flow."], steps: [expect.stringMatching(/from the list/)] },
    });
    expect(await createFlow(world.a.slug, null, { name: "No steps", steps: [] })).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { steps: ["Choose at least one step."] },
    });
    expect(await createFlow(world.a.slug, null, { name: "x".repeat(81), steps: ["validate"] })).toMatchObject({ code: "VALIDATION" });
  });
});

describe("flow cap", () => {
  it("refuses creating beyond the cap with the reason, and lowering it keeps existing flows", async () => {
    const { a } = await createTwoTenants();
    const editor = await createUser("cap-editor");
    await addMember(a.id, editor.id, ["editor"]);
    await setFlowCap(a.id, 2);
    signInAs(editor);
    for (const name of ["one", "two"]) expect(await createFlow(a.slug, null, { name, steps: ["validate"] })).toMatchObject({ ok: true });
    const refused = await createFlow(a.slug, null, { name: "three", steps: ["validate"] });
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/reached its flow cap \(2 of 2 flows\)/) });
    expect(await flowCountOf(a.id)).toBe(2);

    // Lowered below the count: nothing is deleted, and deleting one still leaves the tenant at the cap.
    await setFlowCap(a.id, 1);
    expect((await flowsOf(a.id)).map((flow) => flow.name).sort()).toEqual(["one", "two"]);
    expect(await createFlow(a.slug, null, { name: "three", steps: ["validate"] })).toMatchObject({ code: "CONFLICT" });
    const [one] = (await flowsOf(a.id)).filter((flow) => flow.name === "one");
    expect(await deleteFlow(a.slug, null, { flowId: one!.id })).toMatchObject({ ok: true });
    expect(await createFlow(a.slug, null, { name: "three", steps: ["validate"] })).toMatchObject({ code: "CONFLICT" });
    // Existing flows still run at (or over) the cap.
    const [two] = await flowsOf(a.id);
    expect(await runFlow(a.slug, null, { flowId: two!.id })).toMatchObject({ ok: true });
  });

  it("holds under 20 parallel creates at cap - 1: exactly one flow is created", async () => {
    const { a } = await createTwoTenants();
    const editor = await createUser("race-editor");
    await addMember(a.id, editor.id, ["editor"]);
    await setFlowCap(a.id, 4);
    for (const name of ["f1", "f2", "f3"]) await seedFlow(a.id, name);
    signInAs(editor);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => createFlow(a.slug, null, { name: `parallel ${index}`, steps: ["validate"] })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.code === "CONFLICT")).toHaveLength(19);
    expect(await flowsOf(a.id)).toHaveLength(4);
    expect(await flowCountOf(a.id)).toBe(4);
  });

  it("holds when parallel creates are forced to read the count before any of them writes", async () => {
    const { a } = await createTwoTenants();
    const editor = await createUser("forced-editor");
    await addMember(a.id, editor.id, ["editor"]);
    await setFlowCap(a.id, 2);
    await seedFlow(a.id, "f1");
    signInAs(editor);
    const results = await raceBehindTenantLock(
      a.id,
      ["one", "two", "three"].map((name) => () => createFlow(a.slug, null, { name: `forced ${name}`, steps: ["validate"] })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await flowCountOf(a.id)).toBe(2);
  });
});

describe("running a flow", () => {
  it("executes the declared steps in order and records a deterministic log, status and duration", async () => {
    const flow = await seedFlow(world.a.id, "Invoice Sync!", ["validate", "transform", "checksum", "notify"]);
    signInAs(callers.editor!);
    const first = await runFlow(world.a.slug, null, { flowId: flow.id });
    const second = await runFlow(world.a.slug, null, { flowId: flow.id });
    expect(first).toMatchObject({ ok: true, data: { status: "succeeded" } });
    const runs = await runsOf(world.a.id, flow.id);
    expect(runs).toHaveLength(2);
    const [memberCount] = await withSystem((tx) => tx.select({ n: tenants.memberCount }).from(tenants).where(eq(tenants.id, world.a.id)));
    for (const run of runs) {
      expect(run.status).toBe("succeeded");
      expect(run.durationMs).toBeGreaterThanOrEqual(0);
      expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt.getTime());
      expect(run.log.map(({ step, status }) => [step, status])).toEqual([
        ["validate", "succeeded"],
        ["transform", "succeeded"],
        ["checksum", "succeeded"],
        ["notify", "succeeded"],
      ]);
      expect(run.log[1]!.output).toBe("Set key = invoice-sync");
      expect(run.log[2]!.output).toMatch(/^sha256 [0-9a-f]{12}$/);
      expect(run.log[3]!.output).toBe(`Notification prepared for ${memberCount!.n} members of ${world.a.name}`);
    }
    // Same flow, same tenant: same outputs.
    expect(runs[0]!.log.map((entry) => entry.output)).toEqual(runs[1]!.log.map((entry) => entry.output));
    expect(second.ok && first.ok && second.data.runId !== first.data.runId).toBe(true);
    const ran = (await entries(world.a.id, "flow.ran")).filter((entry) => entry.targetId === flow.id);
    expect(ran).toHaveLength(2);
  });

  it("stops at a failing step: the run fails and later steps are skipped", async () => {
    const flow = await seedFlow(world.a.id, `Broken ${uniqueSuffix()}`, ["validate", "fail", "notify"]);
    signInAs(callers.editor!);
    expect(await runFlow(world.a.slug, null, { flowId: flow.id })).toMatchObject({ ok: true, data: { status: "failed" } });
    const [run] = await runsOf(world.a.id, flow.id);
    expect(run!.status).toBe("failed");
    expect(run!.log.map((entry) => entry.status)).toEqual(["succeeded", "failed", "skipped"]);
  });
});
