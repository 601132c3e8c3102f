// A flow made from a workspace template when the tenant has a flow of the template's name already (in
// that environment): flow names are unique there, so, as when a template is renamed onto a tenant's flow
// (template-made-flows.test.ts), the template's flow becomes "<name> (template)". "Use template", the
// name's reset and a customisation save that gives up a customised name all follow that one rule
// (freeTemplateFlowName, db/queries/template-flows.ts) and say so; with "<name> (template)" taken too
// they are refused on the Name field and write nothing. A save that leaves the name alone never fails
// for it. The customisation form's hint says which name the flow has and why.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flows, flowTemplateUses, tenants } from "@/db/schema";
import { listFlowVersions } from "@/db/queries/flow-versions";
import { freeTemplateFlowName } from "@/db/queries/template-flows";
import { inheritedNameHint } from "@/lib/templates/template-flow-name";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createFlowTemplate, updateFlowTemplate } = await import("@/app/admin/templates/actions");
const { applyFlowTemplate, customiseFlowTemplate, resetFlowTemplateField } = await import("@/app/t/[slug]/flows/templates/actions");

type User = { id: string; email: string };
type Environment = "production" | "development";
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;
let editorA: User;

const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);
const flowRow = async (flowId: string) => (await inTenant(world.a.id, (tx) => tx.select().from(flows).where(eq(flows.id, flowId))))[0] ?? null;
const flowsNamed = (name: string) => inTenant(world.a.id, (tx) => tx.select().from(flows).where(and(eq(flows.tenantId, world.a.id), eq(flows.name, name))));
const useRow = async (useId: string) => (await inTenant(world.a.id, (tx) => tx.select().from(flowTemplateUses).where(eq(flowTemplateUses.id, useId))))[0] ?? null;
const flowCount = async () => (await withSystem((tx) => tx.select({ flowCount: tenants.flowCount }).from(tenants).where(eq(tenants.id, world.a.id))))[0]!.flowCount;
const versionsOf = (flowId: string) => inTenant(world.a.id, (tx) => listFlowVersions(tx, "production", flowId));
/** A flow of the tenant's own (not from a template). */
const plainFlow = (name: string, environment: Environment = "production") =>
  inTenant(world.a.id, async (tx) => (await tx.insert(flows).values({ tenantId: world.a.id, environment, name, steps: ["notify"] }).returning())[0]!);
const ok = <T,>(result: { ok: true; data: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.data;
};

const newTemplate = async () =>
  ok(await actingAs(root, () => createFlowTemplate(null, { name: `Onboarding ${uniqueSuffix()}`, description: "Welcome", steps: ["validate"] })));
const apply = (templateId: string, environment?: Environment) => actingAs(editorA, () => applyFlowTemplate(world.a.slug, null, { templateId, environment }));
const customiseName = (useId: string, name: string) => actingAs(editorA, () => customiseFlowTemplate(world.a.slug, null, { useId, name, description: "Welcome", extraSteps: [] }));
const resetName = (useId: string) => actingAs(editorA, () => resetFlowTemplateField(world.a.slug, null, { useId, field: "name" }));
const takenMessage = (name: string) => `Flows named ${name} and ${name} (template) exist already: rename one of them to give this flow the template's name.`;

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
  editorA = await createUser("editor-a");
  await addMember(world.a.id, editorA.id, ["editor"]);
  // Every case adds flows of the tenant's own beside the template's: room past the default cap.
  await withSystem((tx) => tx.update(tenants).set({ flowCap: 1000 }).where(eq(tenants.id, world.a.id)));
});

describe('"Use template" while a flow has the template\'s name', () => {
  it('makes the flow "<name> (template)", says so, and logs it; the tenant\'s flow keeps its name', async () => {
    const template = await newTemplate();
    const own = await plainFlow(template.name);
    const result = await apply(template.id);
    expect(result).toMatchObject({
      ok: true,
      message: `Made the flow ${template.name} (template): a flow named ${template.name} exists already.`,
      data: { flowName: `${template.name} (template)`, besideFlow: true },
    });
    const used = ok(result);
    expect(await flowRow(used.flowId)).toMatchObject({ name: `${template.name} (template)`, steps: ["validate"] });
    expect(await flowRow(own.id)).toMatchObject({ name: template.name });
    expect(await versionsOf(used.flowId)).toEqual([expect.objectContaining({ version: 1, reason: "saved", name: `${template.name} (template)` })]);
    // The name stays inherited: the flow follows the template's later renames.
    expect(await useRow(used.id)).toMatchObject({ name: null });
    const [entry] = await inTenant(world.a.id, (tx) => tx.select().from(activity).where(and(eq(activity.action, "flow_template.used"), eq(activity.targetId, used.id))));
    expect(entry?.summary).toBe(`${editorA.email} used the flow template ${template.name}, as the flow ${template.name} (template)`);
  });

  it("with the name free it takes it as it is, with no message; a flow of another environment is not in the way", async () => {
    const template = await newTemplate();
    await plainFlow(template.name, "development");
    const result = await apply(template.id, "production");
    expect(result).toMatchObject({ ok: true, data: { flowName: template.name, besideFlow: false } });
    expect(result.ok && result.message).toBeUndefined();
  });

  it('with "<name> (template)" taken too it is refused on the Name field, and nothing is written', async () => {
    const template = await newTemplate();
    await plainFlow(template.name);
    await plainFlow(`${template.name} (template)`);
    const before = await flowCount();
    const refused = await apply(template.id);
    expect(refused).toEqual({ ok: false, code: "CONFLICT", message: takenMessage(template.name), fieldErrors: { name: [takenMessage(template.name)] } });
    expect(await flowCount()).toBe(before);
    expect(await inTenant(world.a.id, (tx) => tx.select().from(flowTemplateUses).where(eq(flowTemplateUses.templateId, template.id)))).toEqual([]);
    expect(await flowsNamed(template.name)).toHaveLength(1);
    expect(await flowsNamed(`${template.name} (template)`)).toHaveLength(1);
  });
});

describe("resetting the name to the template's while a flow has it", () => {
  it('gives "<name> (template)" and says so; with the plain name free, the plain name', async () => {
    const template = await newTemplate();
    const used = ok(await apply(template.id));
    ok(await customiseName(used.id, `Ours ${uniqueSuffix()}`));
    const own = await plainFlow(template.name);

    expect(await resetName(used.id)).toMatchObject({
      ok: true,
      message: `Name reset to the template's, as ${template.name} (template): a flow named ${template.name} exists already.`,
    });
    expect(await flowRow(used.flowId)).toMatchObject({ name: `${template.name} (template)` });
    expect(await useRow(used.id)).toMatchObject({ name: null });
    const [latest] = await versionsOf(used.flowId);
    expect(latest).toMatchObject({ reason: "saved", name: `${template.name} (template)`, createdByEmail: editorA.email });

    // Once the tenant's flow is gone, a reset gives the plain name and the plain message.
    ok(await customiseName(used.id, `Ours ${uniqueSuffix()}`));
    await inTenant(world.a.id, (tx) => tx.delete(flows).where(eq(flows.id, own.id)));
    expect(await resetName(used.id)).toMatchObject({ ok: true, message: "Name reset to the template's." });
    expect(await flowRow(used.flowId)).toMatchObject({ name: template.name });
  });

  it('with "<name> (template)" taken too it is refused on the Name field, and nothing changes', async () => {
    const template = await newTemplate();
    const used = ok(await apply(template.id));
    const customised = `Ours ${uniqueSuffix()}`;
    ok(await customiseName(used.id, customised));
    await plainFlow(template.name);
    await plainFlow(`${template.name} (template)`);
    const versions = await versionsOf(used.flowId);

    expect(await resetName(used.id)).toEqual({ ok: false, code: "CONFLICT", message: takenMessage(template.name), fieldErrors: { name: [takenMessage(template.name)] } });
    expect(await useRow(used.id)).toMatchObject({ name: customised });
    expect(await flowRow(used.flowId)).toMatchObject({ name: customised });
    expect(await versionsOf(used.flowId)).toEqual(versions);
  });
});

describe("a customisation save", () => {
  it("giving up a customised name for the template's follows the same rule, and says so", async () => {
    const template = await newTemplate();
    const used = ok(await apply(template.id));
    ok(await customiseName(used.id, `Ours ${uniqueSuffix()}`));
    await plainFlow(template.name);
    expect(await customiseName(used.id, template.name)).toMatchObject({
      ok: true,
      message: `Saved. The name is the template's, as ${template.name} (template): a flow named ${template.name} exists already.`,
    });
    expect(await flowRow(used.flowId)).toMatchObject({ name: `${template.name} (template)` });
    expect(await useRow(used.id)).toMatchObject({ name: null });
  });

  it("leaving an inherited name alone never fails for it: the flow keeps its name when both are taken", async () => {
    const template = await newTemplate();
    const used = ok(await apply(template.id));
    const renamed = `Renamed ${uniqueSuffix()}`;
    await plainFlow(renamed);
    await plainFlow(`${renamed} (template)`);
    // The template renamed onto both: the sync keeps the flow's name (template-made-flows.test.ts).
    ok(await actingAs(root, () => updateFlowTemplate(null, { templateId: template.id, name: renamed, description: "Welcome", steps: ["validate"] })));
    const saved = await actingAs(editorA, () => customiseFlowTemplate(world.a.slug, null, { useId: used.id, name: renamed, description: "Ours", extraSteps: ["notify"] }));
    expect(saved).toMatchObject({ ok: true, message: "Saved." });
    expect(await flowRow(used.flowId)).toMatchObject({ name: template.name, steps: ["validate", "notify"] });
    expect(await useRow(used.id)).toMatchObject({ name: null, description: "Ours" });
  });
});

describe("freeTemplateFlowName, the one rule", () => {
  it("the flow's own name is never in the way; another flow's is, in its environment only", async () => {
    const name = `Shared ${uniqueSuffix()}`;
    const own = await plainFlow(name);
    await inTenant(world.a.id, async (tx) => {
      expect(await freeTemplateFlowName(tx, { environment: "production", flowId: own.id }, name)).toBe(name);
      expect(await freeTemplateFlowName(tx, { environment: "production" }, name)).toBe(`${name} (template)`);
      expect(await freeTemplateFlowName(tx, { environment: "development" }, name)).toBe(name);
    });
    await plainFlow(`${name} (template)`);
    await inTenant(world.a.id, async (tx) => expect(await freeTemplateFlowName(tx, { environment: "production" }, name)).toBeNull());
    // Another tenant's flows are not this tenant's: its name is free there.
    await withTenant({ tenantId: world.b.id, userId: null }, async (tx) => expect(await freeTemplateFlowName(tx, { environment: "production" }, name)).toBe(name));
  });
});

describe("the Name field's hint (inherited)", () => {
  it("shows the name the flow has, and why when it is not the template's", () => {
    expect(inheritedNameHint("Billing", "Billing")).toBe("Inherited from the template: Billing");
    expect(inheritedNameHint("Billing", "Billing (template)")).toBe("Inherited from the template: Billing (template) (another flow is named Billing)");
    expect(inheritedNameHint("Billing", "Old name")).toBe("Inherited from the template, kept as Old name: flows named Billing and Billing (template) exist already");
  });
});
