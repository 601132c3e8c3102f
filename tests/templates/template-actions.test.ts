// Flow templates through their actions, attacked and followed through: only superadmins create, edit
// and delete templates (platform log); a template in use is not deleted (a clear refusal); only callers
// with flows.write use and customise one (tenant log); another tenant's customisation id replayed is
// not found and changes nothing; and the inheritance rule: a template change reaches a tenant wherever
// it did not override the field, an override stays, a reset inherits again.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flowTemplates, flowTemplateUses, platformActivity } from "@/db/schema";
import { findFlowTemplate, findFlowTemplateUse } from "@/db/queries/flow-templates";
import { effectiveFlow } from "@/lib/templates/effective-flow";
import { TEMPLATE_IN_USE_MESSAGE } from "@/lib/templates/template-input";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createFlowTemplate, updateFlowTemplate, deleteFlowTemplate } = await import("@/app/admin/templates/actions");
const { applyFlowTemplate, customiseFlowTemplate, resetFlowTemplateField, removeFlowTemplateUse } = await import("@/app/t/[slug]/flows/templates/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;
let editorA: User;
let viewerA: User;
let editorB: User;

const templateRow = async (id: string) => (await withSystem((tx) => tx.select().from(flowTemplates).where(eq(flowTemplates.id, id))))[0] ?? null;
const usesOf = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => tx.select().from(flowTemplateUses));
/** What the tenant reads now: its customisation resolved against the template as it is now. */
const effectiveIn = (tenantId: string, useId: string) =>
  withTenant({ tenantId, userId: null }, async (tx) => {
    const use = await findFlowTemplateUse(tx, useId);
    const template = use && (await findFlowTemplate(tx, use.templateId));
    return use && template ? effectiveFlow(template, use) : null;
  });
const tenantEntries = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));
const platformEntries = (actorUserId: string, action: string) =>
  platformLogWhere(and(eq(platformActivity.actorUserId, actorUserId), eq(platformActivity.action, action)));

const newTemplate = async (overrides: Partial<{ name: string; description: string; steps: string[] }> = {}) => {
  const result = await actingAs(root, () => createFlowTemplate(null, { name: `Template ${uniqueSuffix()}`, description: "Original", steps: ["validate", "notify"], ...overrides }));
  if (!result.ok) throw new Error(result.message);
  return result.data;
};
const use = async (user: User, slug: string, templateId: string) => {
  const result = await actingAs(user, () => applyFlowTemplate(slug, null, { templateId }));
  if (!result.ok) throw new Error(result.message);
  return result.data;
};

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
  [editorA, viewerA, editorB] = [await createUser("editor-a"), await createUser("viewer-a"), await createUser("editor-b")];
  await addMember(world.a.id, editorA.id, ["editor"]);
  await addMember(world.a.id, viewerA.id, ["viewer"]);
  await addMember(world.b.id, editorB.id, ["editor"]);
});

describe("only superadmins write templates", () => {
  const callers: [string, () => User | null, string][] = [
    ["a tenant Admin", () => world.adminA, "NOT_FOUND"],
    ["a tenant Editor", () => editorA, "NOT_FOUND"],
    ["a signed-out caller", () => null, "UNAUTHENTICATED"],
  ];
  it.each(callers)("%s is refused create, edit and delete, and nothing changes", async (_label, caller, code) => {
    const template = await newTemplate();
    const before = await templateRow(template.id);
    const name = `Forged ${uniqueSuffix()}`;
    await actingAs(caller(), async () => {
      expect(await createFlowTemplate(null, { name, description: "", steps: ["fail"] })).toMatchObject({ ok: false, code });
      expect(await updateFlowTemplate(null, { templateId: template.id, name, description: "hacked", steps: ["fail"] })).toMatchObject({ ok: false, code });
      expect(await deleteFlowTemplate(null, { templateId: template.id })).toMatchObject({ ok: false, code });
    });
    expect(await templateRow(template.id)).toEqual(before);
    expect(await withSystem((tx) => tx.select().from(flowTemplates).where(eq(flowTemplates.name, name)))).toEqual([]);
    const who = caller();
    if (who) expect(await platformLogWhere(eq(platformActivity.actorUserId, who.id))).toEqual([]);
  });

  it("a superadmin creates, edits and deletes one, each in the platform log", async () => {
    const template = await newTemplate();
    const edited = await actingAs(root, () => updateFlowTemplate(null, { templateId: template.id, name: `${template.name} v2`, description: "Second", steps: ["checksum"] }));
    expect(edited).toMatchObject({ ok: true });
    expect(await templateRow(template.id)).toMatchObject({ name: `${template.name} v2`, description: "Second", steps: ["checksum"] });
    expect(await actingAs(root, () => deleteFlowTemplate(null, { templateId: template.id }))).toMatchObject({ ok: true });
    expect(await templateRow(template.id)).toBeNull();
    for (const action of ["flow_template.created", "flow_template.updated", "flow_template.deleted"]) {
      const entries = (await platformEntries(root.id, action)).filter((entry) => (entry.details as { targetId?: string }).targetId === template.id);
      expect(entries, action).toHaveLength(1);
    }
  });

  it("bad input is refused next to the field, and a taken name (any case) too", async () => {
    const template = await newTemplate();
    const bad = await actingAs(root, () => createFlowTemplate(null, { name: " ", description: "x".repeat(501), steps: ["rm -rf"] }));
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(bad.ok ? null : Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["description", "name", "steps"]);
    const taken = await actingAs(root, () => createFlowTemplate(null, { name: template.name.toUpperCase(), description: "", steps: ["validate"] }));
    expect(taken).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { name: [expect.stringContaining("exists")] } });
  });

  it("a template in use is not deleted (a clear refusal); once no tenant uses it, it is", async () => {
    const template = await newTemplate();
    const used = await use(editorB, world.b.slug, template.id);
    expect(await actingAs(root, () => deleteFlowTemplate(null, { templateId: template.id }))).toEqual(expect.objectContaining({ ok: false, code: "CONFLICT", message: TEMPLATE_IN_USE_MESSAGE }));
    expect(await templateRow(template.id)).not.toBeNull();
    expect(await actingAs(editorB, () => removeFlowTemplateUse(world.b.slug, null, { useId: used.id }))).toMatchObject({ ok: true });
    expect(await actingAs(root, () => deleteFlowTemplate(null, { templateId: template.id }))).toMatchObject({ ok: true });
  });
});

describe("tenants use templates with flows.write", () => {
  it("a Viewer may not use, customise, reset or remove; an Editor may, each in the tenant's log", async () => {
    const template = await newTemplate();
    expect(await actingAs(viewerA, () => applyFlowTemplate(world.a.slug, null, { templateId: template.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await usesOf(world.a.id)).toEqual([]);
    const used = await use(editorA, world.a.slug, template.id);
    const customise = { useId: used.id, name: "Our onboarding", description: "Original", extraSteps: ["checksum"] };
    await actingAs(viewerA, async () => {
      expect(await customiseFlowTemplate(world.a.slug, null, customise)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await resetFlowTemplateField(world.a.slug, null, { useId: used.id, field: "name" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await removeFlowTemplateUse(world.a.slug, null, { useId: used.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    });
    expect((await usesOf(world.a.id)).map((row) => row.name)).toEqual([null]);
    expect(await actingAs(editorA, () => customiseFlowTemplate(world.a.slug, null, customise))).toMatchObject({ ok: true });
    expect(await actingAs(editorA, () => resetFlowTemplateField(world.a.slug, null, { useId: used.id, field: "name" }))).toMatchObject({ ok: true });
    expect(await actingAs(editorA, () => removeFlowTemplateUse(world.a.slug, null, { useId: used.id }))).toMatchObject({ ok: true });
    for (const action of ["flow_template.used", "flow_template.customised", "flow_template.field_reset", "flow_template.removed"]) {
      const entries = (await tenantEntries(world.a.id, action)).filter((entry) => entry.actorUserId === editorA.id && entry.targetId === used.id);
      expect(entries, action).toHaveLength(1);
    }
  });

  it("a tenant uses a template once", async () => {
    const template = await newTemplate();
    await use(editorA, world.a.slug, template.id);
    expect(await actingAs(editorA, () => applyFlowTemplate(world.a.slug, null, { templateId: template.id }))).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("B's customisation id replayed from tenant A (by A's Admin, or by B's Editor through A's slug) is not found and changes nothing", async () => {
    const template = await newTemplate();
    const usedB = await use(editorB, world.b.slug, template.id);
    await actingAs(editorB, () => customiseFlowTemplate(world.b.slug, null, { useId: usedB.id, name: "B's flow", description: "Original", extraSteps: [] }));
    const before = await usesOf(world.b.id);
    for (const [caller, slug] of [[world.adminA, world.a.slug], [editorB, world.a.slug]] as const) {
      await actingAs(caller, async () => {
        for (const result of [
          await customiseFlowTemplate(slug, null, { useId: usedB.id, name: "stolen", description: "", extraSteps: ["fail"] }),
          await resetFlowTemplateField(slug, null, { useId: usedB.id, field: "name" }),
          await removeFlowTemplateUse(slug, null, { useId: usedB.id }),
        ])
          expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
      });
    }
    expect(await actingAs(world.adminA, () => customiseFlowTemplate(world.a.slug, null, { useId: "not-a-uuid", name: "x", description: "", extraSteps: [] }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await usesOf(world.b.id)).toEqual(before);
  });
});

describe("a customised template follows the template where the tenant did not override it", () => {
  it("template update → inherited fields change, overridden ones stay; a reset inherits again", async () => {
    const template = await newTemplate({ description: "First description", steps: ["validate"] });
    const usedA = await use(editorA, world.a.slug, template.id);
    const usedB = await use(editorB, world.b.slug, template.id);
    // A overrides the name and adds a step; B keeps everything inherited.
    await actingAs(editorA, () => customiseFlowTemplate(world.a.slug, null, { useId: usedA.id, name: "Acme onboarding", description: "First description", extraSteps: ["notify"] }));
    expect(await effectiveIn(world.a.id, usedA.id)).toMatchObject({ name: "Acme onboarding", description: "First description", customised: { name: true, description: false, extraSteps: true } });

    const renamed = `${template.name} (new)`;
    await actingAs(root, () => updateFlowTemplate(null, { templateId: template.id, name: renamed, description: "Second description", steps: ["validate", "checksum"] }));

    expect(await effectiveIn(world.a.id, usedA.id)).toMatchObject({ name: "Acme onboarding", description: "Second description", steps: ["validate", "checksum", "notify"] });
    expect(await effectiveIn(world.b.id, usedB.id)).toMatchObject({ name: renamed, description: "Second description", steps: ["validate", "checksum"], customised: { name: false, description: false, extraSteps: false } });

    await actingAs(editorA, () => resetFlowTemplateField(world.a.slug, null, { useId: usedA.id, field: "name" }));
    expect(await effectiveIn(world.a.id, usedA.id)).toMatchObject({ name: renamed, customised: { name: false, extraSteps: true } });
    await actingAs(root, () => updateFlowTemplate(null, { templateId: template.id, name: `${renamed} 3`, description: "Third", steps: ["validate"] }));
    expect(await effectiveIn(world.a.id, usedA.id)).toMatchObject({ name: `${renamed} 3`, description: "Third", steps: ["validate", "notify"] });
  });

  it("a value typed equal to the template's is not an override", async () => {
    const template = await newTemplate({ description: "Same" });
    const used = await use(editorA, world.a.slug, template.id);
    const result = await actingAs(editorA, () => customiseFlowTemplate(world.a.slug, null, { useId: used.id, name: template.name, description: "Same", extraSteps: [] }));
    expect(result).toMatchObject({ ok: true, message: "Nothing changed." });
    expect(await effectiveIn(world.a.id, used.id)).toMatchObject({ customised: { name: false, description: false, extraSteps: false } });
  });
});
