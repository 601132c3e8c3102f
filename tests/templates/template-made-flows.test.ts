// A flow made from a workspace template is a real flow of the tenant (issue 14, item 3): "Use template"
// makes a flow row counted by the cap (refused when full, nothing written), it runs like any flow (the
// action and the REST API), a template change reaches its runs and its versions where the tenant did not
// override, every customisation save is a version, a package snapshots its effective steps (deployed
// elsewhere: a plain flow), "Stop using template" keeps the flow, and another tenant can neither see nor
// run it with its ids replayed.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { flowRuns, flows, flowTemplateUses, packageFlows, tenants } from "@/db/schema";
import { listFlowVersions } from "@/db/queries/flow-versions";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { callApi, keyFor } from "../api/api-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createFlowTemplate, updateFlowTemplate } = await import("@/app/admin/templates/actions");
const { applyFlowTemplate, customiseFlowTemplate, resetFlowTemplateField, removeFlowTemplateUse } = await import("@/app/t/[slug]/flows/templates/actions");
const { runFlow, renameFlow, deleteFlow } = await import("@/app/t/[slug]/flows/actions");
const { createPackage, deployPackage } = await import("@/app/t/[slug]/packages/actions");
const flowList = await import("@/app/api/v1/flows/route");
const flowRoute = await import("@/app/api/v1/flows/[flowId]/route");
const runsRoute = await import("@/app/api/v1/flows/[flowId]/runs/route");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;
let editorA: User;

const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);
const flowRow = (tenantId: string, flowId: string, environment: "production" | "development" = "production") =>
  inTenant(tenantId, async (tx) => (await tx.select().from(flows).where(and(eq(flows.id, flowId), eq(flows.environment, environment))))[0] ?? null);
const tenantCounts = async (tenantId: string) => (await withSystem((tx) => tx.select({ flowCount: tenants.flowCount }).from(tenants).where(eq(tenants.id, tenantId))))[0]!;
const setFlowCap = (tenantId: string, flowCap: number) => withSystem((tx) => tx.update(tenants).set({ flowCap }).where(eq(tenants.id, tenantId)));
const ok = <T,>(result: { ok: true; data: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.data;
};

const newTemplate = async (steps = ["validate", "notify"]) =>
  ok(await actingAs(root, () => createFlowTemplate(null, { name: `Onboarding ${uniqueSuffix()}`, description: "Welcome", steps })));
const editTemplate = (template: { id: string; name: string }, steps: string[], name = template.name) =>
  actingAs(root, () => updateFlowTemplate(null, { templateId: template.id, name, description: "Welcome", steps }));
const useTemplate = async (templateId: string, environment?: "development" | "production") =>
  ok(await actingAs(editorA, () => applyFlowTemplate(world.a.slug, null, { templateId, environment })));
const run = async (flowId: string, environment?: "development") => {
  const ran = ok(await actingAs(editorA, () => runFlow(world.a.slug, null, { flowId, environment })));
  return inTenant(world.a.id, async (tx) => (await tx.select().from(flowRuns).where(eq(flowRuns.id, ran.runId)))[0]!);
};

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
  editorA = await createUser("editor-a");
  await addMember(world.a.id, editorA.id, ["editor"]);
});

describe("Use template makes a real flow", () => {
  it("the flow exists with the template's name and steps, its first version, and counts against the cap", async () => {
    const template = await newTemplate();
    const before = await tenantCounts(world.a.id);
    const used = await useTemplate(template.id);
    expect(await flowRow(world.a.id, used.flowId)).toMatchObject({ name: template.name, steps: ["validate", "notify"], createdBy: editorA.id });
    expect((await tenantCounts(world.a.id)).flowCount).toBe(before.flowCount + 1);
    const versions = await inTenant(world.a.id, (tx) => listFlowVersions(tx, "production", used.flowId));
    expect(versions.map(({ version, reason, steps }) => ({ version, reason, steps }))).toEqual([{ version: 1, reason: "saved", steps: ["validate", "notify"] }]);
  });

  it("with the cap full it is refused with the cap's message, and nothing is written", async () => {
    const template = await newTemplate();
    const { flowCount } = await tenantCounts(world.a.id);
    await setFlowCap(world.a.id, flowCount);
    try {
      const refused = await actingAs(editorA, () => applyFlowTemplate(world.a.slug, null, { templateId: template.id }));
      expect(refused).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/reached its flow cap \(\d+ of \d+ flows\)/) });
      expect((await tenantCounts(world.a.id)).flowCount).toBe(flowCount);
      expect(await inTenant(world.a.id, (tx) => tx.select().from(flowTemplateUses).where(eq(flowTemplateUses.templateId, template.id)))).toEqual([]);
      expect(await inTenant(world.a.id, (tx) => tx.select().from(flows).where(eq(flows.name, template.name)))).toEqual([]);
    } finally {
      await setFlowCap(world.a.id, 1000);
    }
  });

  it("lands in the environment the flows page shows", async () => {
    const template = await newTemplate();
    const used = await useTemplate(template.id, "development");
    expect(await flowRow(world.a.id, used.flowId, "development")).toMatchObject({ name: template.name });
    expect(await flowRow(world.a.id, used.flowId, "production")).toBeNull();
    expect((await run(used.flowId, "development")).log.map((entry) => entry.step)).toEqual(["validate", "notify"]);
  });
});

describe("it runs and versions like any flow, following its template", () => {
  it("a template change shows in its next run and as a 'template_updated' version, where not overridden", async () => {
    const template = await newTemplate(["validate"]);
    const used = await useTemplate(template.id);
    expect((await run(used.flowId)).log.map((entry) => entry.step)).toEqual(["validate"]);
    ok(await actingAs(editorA, () => customiseFlowTemplate(world.a.slug, null, { useId: used.id, name: `Mine ${uniqueSuffix()}`, description: "Welcome", extraSteps: ["checksum"] })));
    const customisedName = (await flowRow(world.a.id, used.flowId))!.name;
    expect(await editTemplate(template, ["validate", "transform"], `${template.name} v2`)).toMatchObject({ ok: true });

    // The run reads the template's new steps, the tenant's extra step after them, and keeps its own name.
    const second = await run(used.flowId);
    expect(second.log.map((entry) => entry.step)).toEqual(["validate", "transform", "checksum"]);
    expect(await flowRow(world.a.id, used.flowId)).toMatchObject({ name: customisedName, steps: ["validate", "transform", "checksum"] });
    const versions = await inTenant(world.a.id, (tx) => listFlowVersions(tx, "production", used.flowId));
    expect(versions.map(({ version, reason, steps, createdByEmail }) => ({ version, reason, steps, createdByEmail }))).toEqual([
      { version: 3, reason: "template_updated", steps: ["validate", "transform", "checksum"], createdByEmail: null },
      { version: 2, reason: "saved", steps: ["validate", "checksum"], createdByEmail: editorA.email },
      { version: 1, reason: "saved", steps: ["validate"], createdByEmail: editorA.email },
    ]);
    // Read again: already up to date, no further version.
    await run(used.flowId);
    expect(await inTenant(world.a.id, (tx) => listFlowVersions(tx, "production", used.flowId))).toHaveLength(3);

    // Resetting the name inherits the template's (renamed) one, as a version by the member.
    ok(await actingAs(editorA, () => resetFlowTemplateField(world.a.slug, null, { useId: used.id, field: "name" })));
    expect(await flowRow(world.a.id, used.flowId)).toMatchObject({ name: `${template.name} v2` });
    const [latest] = await inTenant(world.a.id, (tx) => listFlowVersions(tx, "production", used.flowId));
    expect(latest).toMatchObject({ version: 4, reason: "saved", name: `${template.name} v2`, createdByEmail: editorA.email });
  });

  it("a template renamed to a name another flow has: the flow takes \"<name> (template)\"; with that taken too it keeps its name; the plain name once free", async () => {
    const template = await newTemplate(["validate"]);
    const used = await useTemplate(template.id);
    const clash = `Billing ${uniqueSuffix()}`;
    const plainFlow = (name: string) =>
      inTenant(world.a.id, async (tx) => (await tx.insert(flows).values({ tenantId: world.a.id, environment: "production", name, steps: ["notify"] }).returning())[0]!);
    const own = await plainFlow(clash);

    expect(await editTemplate(template, ["validate"], clash)).toMatchObject({ ok: true });
    await run(used.flowId);
    expect(await flowRow(world.a.id, used.flowId)).toMatchObject({ name: `${clash} (template)` });
    expect(await flowRow(world.a.id, own.id)).toMatchObject({ name: clash });
    const [renamed] = await inTenant(world.a.id, (tx) => listFlowVersions(tx, "production", used.flowId));
    expect(renamed).toMatchObject({ reason: "template_updated", name: `${clash} (template)` });

    // Both names taken (another clash): the flow keeps the name it has; the template's steps still arrive.
    const second = `Invoices ${uniqueSuffix()}`;
    await plainFlow(second);
    await plainFlow(`${second} (template)`);
    expect(await editTemplate(template, ["validate", "notify"], second)).toMatchObject({ ok: true });
    await run(used.flowId);
    expect(await flowRow(world.a.id, used.flowId)).toMatchObject({ name: `${clash} (template)`, steps: ["validate", "notify"] });

    // A template change once the name is free brings the plain name.
    await inTenant(world.a.id, (tx) => tx.delete(flows).where(and(eq(flows.tenantId, world.a.id), eq(flows.name, second))));
    expect(await editTemplate(template, ["validate"], second)).toMatchObject({ ok: true });
    await run(used.flowId);
    expect(await flowRow(world.a.id, used.flowId)).toMatchObject({ name: second, steps: ["validate"] });
  });

  it("is renamed, edited and restored only through its customisation (a clear refusal, nothing changes)", async () => {
    const template = await newTemplate();
    const used = await useTemplate(template.id);
    const refused = await actingAs(editorA, () => renameFlow(world.a.slug, null, { flowId: used.flowId, name: "Renamed" }));
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining(`follows the workspace template ${template.name}`) });
    expect(await flowRow(world.a.id, used.flowId)).toMatchObject({ name: template.name });
  });
});

describe("packages", () => {
  it("snapshot its effective steps; deployed elsewhere it is a plain flow; deploying over it is refused", async () => {
    const template = await newTemplate(["validate"]);
    const used = await useTemplate(template.id, "development");
    ok(await actingAs(editorA, () => customiseFlowTemplate(world.a.slug, null, { useId: used.id, name: template.name, description: "Welcome", extraSteps: ["notify"] })));
    await editTemplate(template, ["validate", "checksum"]);
    const pkg = ok(await actingAs(world.adminA, () => createPackage(world.a.slug, null, { name: `pkg ${uniqueSuffix()}`, environment: "development", flowIds: [used.flowId] })));
    const [snapshot] = await inTenant(world.a.id, (tx) => tx.select().from(packageFlows).where(eq(packageFlows.packageId, pkg.id)));
    expect(snapshot).toMatchObject({ flowId: used.flowId, name: template.name, steps: ["validate", "checksum", "notify"] });
    // The snapshot names the version the template change made.
    const [latest] = await inTenant(world.a.id, (tx) => listFlowVersions(tx, "development", used.flowId));
    expect(snapshot?.version).toBe(latest?.version);

    ok(await actingAs(world.adminA, () => deployPackage(world.a.slug, null, { packageId: pkg.id, environment: "production" })));
    expect(await flowRow(world.a.id, used.flowId, "production")).toMatchObject({ steps: ["validate", "checksum", "notify"] });
    const links = await inTenant(world.a.id, (tx) => tx.select().from(flowTemplateUses).where(eq(flowTemplateUses.flowId, used.flowId)));
    expect(links.map((link) => link.environment)).toEqual(["development"]);

    const back = await actingAs(world.adminA, () => deployPackage(world.a.slug, null, { packageId: pkg.id, environment: "development" }));
    expect(back).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining("follows the workspace template") });
  });
});

describe("Stop using template and deleting the flow", () => {
  it("stopping keeps the flow as a plain flow (it no longer follows the template, and can be renamed)", async () => {
    const template = await newTemplate();
    const used = await useTemplate(template.id);
    ok(await actingAs(editorA, () => removeFlowTemplateUse(world.a.slug, null, { useId: used.id })));
    expect(await flowRow(world.a.id, used.flowId)).toMatchObject({ name: template.name, steps: ["validate", "notify"] });
    await editTemplate(template, ["fail"]);
    expect((await run(used.flowId)).log.map((entry) => entry.step)).toEqual(["validate", "notify"]);
    expect(await actingAs(editorA, () => renameFlow(world.a.slug, null, { flowId: used.flowId, name: `Plain ${uniqueSuffix()}` }))).toMatchObject({ ok: true });
    // The template is free to be used again (a new flow).
    const again = await useTemplate(template.id);
    expect(again.flowId).not.toBe(used.flowId);
  });

  it("deleting the flow removes its customisation", async () => {
    const template = await newTemplate();
    const used = await useTemplate(template.id);
    ok(await actingAs(editorA, () => deleteFlow(world.a.slug, null, { flowId: used.flowId })));
    expect(await inTenant(world.a.id, (tx) => tx.select().from(flowTemplateUses).where(eq(flowTemplateUses.id, used.id)))).toEqual([]);
  });
});

describe("the REST API", () => {
  it("lists, reads and runs it; another tenant's key replaying its id sees and runs nothing", async () => {
    const template = await newTemplate();
    const used = await useTemplate(template.id);
    await editTemplate(template, ["validate", "transform"]);
    const [keyA, keyB] = [await keyFor(world.a.id, "editor"), await keyFor(world.b.id, "admin")];

    const listed = await callApi(flowList.GET, { key: keyA.key, path: `/api/v1/flows?q=${encodeURIComponent(template.name)}` });
    expect(listed.body.flows).toEqual([expect.objectContaining({ id: used.flowId, name: template.name, steps: ["validate", "transform"] })]);
    expect(await callApi(flowRoute.GET, { key: keyA.key, params: { flowId: used.flowId } })).toMatchObject({ status: 200, body: { id: used.flowId, steps: ["validate", "transform"] } });
    const ran = await callApi(runsRoute.POST, { key: keyA.key, method: "POST", params: { flowId: used.flowId } });
    expect(ran).toMatchObject({ status: 201, body: { status: "succeeded" } });

    const before = await inTenant(world.a.id, (tx) => tx.select().from(flowRuns).where(eq(flowRuns.flowId, used.flowId)));
    const otherList = await callApi(flowList.GET, { key: keyB.key, path: `/api/v1/flows?q=${encodeURIComponent(template.name)}` });
    expect(otherList.body.flows).toEqual([]);
    expect((await callApi(flowRoute.GET, { key: keyB.key, params: { flowId: used.flowId } })).status).toBe(404);
    expect((await callApi(runsRoute.POST, { key: keyB.key, method: "POST", params: { flowId: used.flowId } })).status).toBe(404);
    expect(await inTenant(world.a.id, (tx) => tx.select().from(flowRuns).where(eq(flowRuns.flowId, used.flowId)))).toEqual(before);
  });

  it("B's admin replaying A's flow and customisation ids through the actions: not found, nothing runs or changes", async () => {
    const template = await newTemplate();
    const used = await useTemplate(template.id);
    const row = await flowRow(world.a.id, used.flowId);
    await actingAs(world.adminB, async () => {
      expect(await runFlow(world.b.slug, null, { flowId: used.flowId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await customiseFlowTemplate(world.b.slug, null, { useId: used.id, name: "Stolen", description: "", extraSteps: ["fail"] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      // Through A's slug, B's admin is not a member.
      expect(await runFlow(world.a.slug, null, { flowId: used.flowId })).toMatchObject({ ok: false });
    });
    expect(await flowRow(world.a.id, used.flowId)).toEqual(row);
    expect(await inTenant(world.a.id, (tx) => tx.select().from(flowRuns).where(eq(flowRuns.flowId, used.flowId)))).toEqual([]);
  });
});
