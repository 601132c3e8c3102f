// Flow versions and environments through the real actions: every save appends an immutable version
// (the database refuses UPDATE and DELETE on them, whoever asks), Restore makes a new version equal to
// an older one, another tenant's flow or version is not found, and each environment lists its own flows.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { withPlatform, withSystem, withTenant } from "@/db/scopes";
import { flowVersions, flows, tenants } from "@/db/schema";
import { listFlowVersions } from "@/db/queries/flow-versions";
import { listFlows } from "@/db/queries/flows";
import { addMember, createTwoTenants, createUser, databaseErrorOf, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";
import { EDITOR_ACTION_REFUSALS, editorActionCallers } from "../support/editor-callers";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createFlow, renameFlow, saveFlowSteps, restoreFlowVersion } = await import("@/app/t/[slug]/flows/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let editor: User;
const callers: Record<string, User | null> = {};

const versionsOf = (tenantId: string, flowId: string, environment: "development" | "staging" | "production" = "production") =>
  withTenant({ tenantId, userId: null }, (tx) => listFlowVersions(tx, environment, flowId));
const flowRow = async (tenantId: string, flowId: string, environment = "production") =>
  (await withTenant({ tenantId, userId: null }, (tx) => tx.select().from(flows).where(and(eq(flows.id, flowId), eq(flows.environment, environment as "production")))))[0];

async function newFlow(as: User, environment?: "development" | "staging" | "production") {
  signInAs(as);
  const result = await createFlow(world.a.slug, null, { name: `flow ${uniqueSuffix()}`, steps: ["validate"], ...(environment ? { environment } : {}) });
  if (!result.ok) throw new Error(result.message);
  return result.data.id;
}

beforeAll(async () => {
  world = await createTwoTenants();
  await withSystem((tx) => tx.update(tenants).set({ flowCap: 1000 }).where(eq(tenants.id, world.a.id)));
  Object.assign(callers, await editorActionCallers(world));
  editor = callers.editor!;
});

describe("versions", () => {
  it("every save appends a version with who and when; Restore adds one equal to the old one", async () => {
    const flowId = await newFlow(editor);
    expect(await saveFlowSteps(world.a.slug, null, { flowId, steps: ["validate", "notify"] })).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await renameFlow(world.a.slug, null, { flowId, name: `renamed ${uniqueSuffix()}` })).toMatchObject({ ok: true });
    const restored = await restoreFlowVersion(world.a.slug, null, { flowId, version: "1" });
    expect(restored).toMatchObject({ ok: true, data: { version: 4 } });
    const versions = await versionsOf(world.a.id, flowId);
    expect(versions.map((v) => [v.version, v.reason, v.restoredFrom, v.createdByEmail])).toEqual([
      [4, "restored", 1, editor.email],
      [3, "saved", null, editor.email],
      [2, "saved", null, editor.email],
      [1, "saved", null, editor.email],
    ]);
    const first = versions.at(-1)!;
    expect(versions[0]).toMatchObject({ name: first.name, steps: ["validate"] });
    expect(await flowRow(world.a.id, flowId)).toMatchObject({ name: first.name, steps: ["validate"] });
  });

  it("the database refuses changing or deleting a version, for the runtime role and for the owner", async () => {
    const flowId = await newFlow(editor);
    const asApp = (work: (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => Promise<unknown>) => withTenant({ tenantId: world.a.id, userId: null }, work);
    expect(await databaseErrorOf(asApp((tx) => tx.update(flowVersions).set({ name: "rewritten" }).where(eq(flowVersions.flowId, flowId))))).toMatch(/permission denied/);
    expect(await databaseErrorOf(asApp((tx) => tx.delete(flowVersions).where(eq(flowVersions.flowId, flowId))))).toMatch(/permission denied/);
    const root = await createUser("root", { isSuperadmin: true });
    expect(await databaseErrorOf(withPlatform({ superadminId: root.id }, (tx) => tx.execute(sql`update flow_versions set name = 'rewritten'`)))).toMatch(/permission denied/);
    // The owner, who holds every privilege, is stopped by the trigger (for every table of history).
    const triggers = await withSystem((tx) => tx.execute(sql`select tgrelid::regclass::text as t from pg_trigger where tgname like '%_immutable' order by 1`));
    expect(JSON.stringify(triggers)).toContain('"flow_versions"');
    expect(JSON.stringify(triggers)).toContain('"packages"');
    expect(JSON.stringify(triggers)).toContain('"package_flows"');
    expect((await versionsOf(world.a.id, flowId)).map((v) => v.name)).not.toContain("rewritten");
  });

  it("a restore of another tenant's flow, of a version that does not exist, or a malformed one is not found and writes nothing", async () => {
    const flowId = await newFlow(editor);
    signInAs(world.adminB);
    expect(await restoreFlowVersion(world.b.slug, null, { flowId, version: 1 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(editor);
    expect(await restoreFlowVersion(world.a.slug, null, { flowId, version: 9 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await restoreFlowVersion(world.a.slug, null, { flowId, version: "x" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await restoreFlowVersion(world.a.slug, null, { flowId: "not-a-uuid", version: 1 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // The flow lives in Production; asking for it in Development finds nothing.
    expect(await restoreFlowVersion(world.a.slug, null, { flowId, version: 1, environment: "development" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await versionsOf(world.a.id, flowId)).length).toBe(1);
  });

  it.each(Object.entries(EDITOR_ACTION_REFUSALS))("save steps and restore as %s", async (caller, refusal) => {
    const flowId = await newFlow(editor);
    signInAs(callers[caller]!);
    const saved = await saveFlowSteps(world.a.slug, null, { flowId, steps: ["notify"] });
    const restored = await restoreFlowVersion(world.a.slug, null, { flowId, version: 1 });
    expect(saved).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    expect(restored).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    expect((await versionsOf(world.a.id, flowId)).length).toBe(refusal ? 1 : 3);
  });
});

describe("environments", () => {
  it("each environment lists only its own flows; the same name may live in two", async () => {
    const name = `shared ${uniqueSuffix()}`;
    signInAs(editor);
    const dev = await createFlow(world.a.slug, null, { name, steps: ["validate"], environment: "development" });
    const prod = await createFlow(world.a.slug, null, { name, steps: ["notify"] });
    expect(dev).toMatchObject({ ok: true });
    expect(prod).toMatchObject({ ok: true });
    const listed = (environment: "development" | "staging" | "production") =>
      withTenant({ tenantId: world.a.id, userId: null }, (tx) => listFlows(tx, { environment, search: name, sort: "name", dir: "asc", page: 1, size: 25 }));
    expect((await listed("development")).rows.map((row) => [row.id, row.environment])).toEqual([[dev.ok && dev.data.id, "development"]]);
    expect((await listed("production")).rows.map((row) => [row.id, row.environment])).toEqual([[prod.ok && prod.data.id, "production"]]);
    expect((await listed("staging")).rows).toEqual([]);
    expect(await createFlow(world.a.slug, null, { name, steps: ["validate"], environment: "nowhere" })).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("a flow of another environment is not found by the actions of this one", async () => {
    const flowId = await newFlow(editor, "development");
    expect(await saveFlowSteps(world.a.slug, null, { flowId, steps: ["notify"] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await saveFlowSteps(world.a.slug, null, { flowId, steps: ["notify"], environment: "development" })).toMatchObject({ ok: true });
    expect((await versionsOf(world.a.id, flowId, "development")).length).toBe(2);
    expect(await createUser("unused")).toBeTruthy();
    await addMember(world.b.id, editor.id, ["editor"]);
    signInAs(editor);
    expect(await saveFlowSteps(world.b.slug, null, { flowId, steps: ["notify"], environment: "development" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await flowRow(world.a.id, flowId, "development")).toMatchObject({ steps: ["notify"] });
  });
});
