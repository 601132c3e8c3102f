// Table templates through their actions, attacked and followed through: only superadmins write them
// (platform log); one in use is not deleted (a clear refusal); only callers with tables.write use and
// customise one (tenant log); another tenant's table id replayed is not found and changes nothing; the
// tenant's table follows the template where not customised; and its rows are never lost when the
// template renames, removes or retypes a column.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, platformActivity, tableTemplates, tableTemplateUses, type TemplateColumn } from "@/db/schema";
import { findDataTable, findRow } from "@/db/queries/data-tables";
import type { EffectiveColumn } from "@/lib/templates/effective-table";
import { TEMPLATE_IN_USE_MESSAGE } from "@/lib/templates/template-input";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { EDITOR_ACTION_REFUSALS, editorActionCallers } from "../support/editor-callers";
import { actingAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createTableTemplate, updateTableTemplate, deleteTableTemplate } = await import("@/app/admin/templates/table-template-actions");
const { applyTableTemplate, customiseTableTemplate, resetTableTemplateField, removeTableTemplateUse } = await import("@/app/t/[slug]/tables/templates/actions");
const { addRow, editRow, deleteDataTableAction, renameDataTableAction } = await import("@/app/t/[slug]/tables/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;
let editorA: User;
let viewerA: User;
let editorB: User;

const templateRow = async (id: string) => (await withSystem((tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.id, id))))[0] ?? null;
const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);
const usesOf = (tenantId: string) => inTenant(tenantId, (tx) => tx.select().from(tableTemplateUses));
/** The table as the tenant reads it now (a template table's columns resolved, each with its key and source). */
const tableIn = async (tenantId: string, tableId: string) => {
  const table = await inTenant(tenantId, (tx) => findDataTable(tx, tableId));
  return table && { ...table, columns: table.columns as EffectiveColumn[] };
};
const tenantEntries = (tenantId: string, action: string) => inTenant(tenantId, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));
const platformEntries = (actorUserId: string, action: string) =>
  platformLogWhere(and(eq(platformActivity.actorUserId, actorUserId), eq(platformActivity.action, action)));

const COLUMNS = [
  { name: "Email", type: "text" },
  { name: "Age", type: "number" },
];
const newTemplate = async (columns: { name: string; type: string; key?: string }[] = COLUMNS) => {
  const result = await actingAs(root, () => createTableTemplate(null, { name: `Customers ${uniqueSuffix()}`, description: "Who buys", columns }));
  if (!result.ok) throw new Error(result.message);
  return (await templateRow(result.data.id))!;
};
const use = async (user: User, slug: string, templateId: string) => {
  const result = await actingAs(user, () => applyTableTemplate(slug, null, { templateId }));
  if (!result.ok) throw new Error(result.message);
  return result.data;
};
/** The template as the admin form sends it back: each column with its key. */
const edit = (template: { id: string; name: string }, columns: TemplateColumn[] | { name: string; type: string; key?: string }[], name = template.name) =>
  actingAs(root, () => updateTableTemplate(null, { templateId: template.id, name, description: "", columns }));
const customise = (user: User, slug: string, tableId: string, fields: { name: string; labels?: Record<string, string>; columns?: unknown[] }) =>
  actingAs(user, () => customiseTableTemplate(slug, null, { tableId, labels: {}, columns: [], ...fields }));

const callers: Record<string, User | null> = {};

beforeAll(async () => {
  // Enterprise: the tests make more tables than the Free license allows.
  world = await createTwoTenants({ license: "enterprise" });
  Object.assign(callers, await editorActionCallers(world));
  root = await createUser("root", { isSuperadmin: true });
  [editorA, viewerA, editorB] = [await createUser("editor-a"), await createUser("viewer-a"), await createUser("editor-b")];
  await addMember(world.a.id, editorA.id, ["editor"]);
  await addMember(world.a.id, viewerA.id, ["viewer"]);
  await addMember(world.b.id, editorB.id, ["editor"]);
});

describe("only superadmins write table templates", () => {
  it.each([
    ["a tenant Admin", () => world.adminA as User | null, "NOT_FOUND"],
    ["a tenant Editor", () => editorA as User | null, "NOT_FOUND"],
    ["a signed-out caller", () => null, "UNAUTHENTICATED"],
  ])("%s is refused create, edit and delete, and nothing changes", async (_label, caller, code) => {
    const template = await newTemplate();
    const name = `Forged ${uniqueSuffix()}`;
    await actingAs(caller(), async () => {
      expect(await createTableTemplate(null, { name, description: "", columns: COLUMNS })).toMatchObject({ ok: false, code });
      expect(await updateTableTemplate(null, { templateId: template.id, name, description: "", columns: COLUMNS })).toMatchObject({ ok: false, code });
      expect(await deleteTableTemplate(null, { templateId: template.id })).toMatchObject({ ok: false, code });
    });
    expect(await templateRow(template.id)).toEqual(template);
    expect(await withSystem((tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.name, name)))).toEqual([]);
  });

  it("a superadmin creates, edits and deletes one, each in the platform log; bad input is refused next to the field", async () => {
    const template = await newTemplate();
    expect(template.columns.map(({ name, type }) => ({ name, type }))).toEqual(COLUMNS);
    expect(new Set(template.columns.map((column) => column.key)).size).toBe(2);
    expect(await edit(template, [...template.columns, { name: "Phone", type: "text" }])).toMatchObject({ ok: true });
    expect((await templateRow(template.id))!.columns.map((column) => column.name)).toEqual(["Email", "Age", "Phone"]);
    expect(await actingAs(root, () => deleteTableTemplate(null, { templateId: template.id }))).toMatchObject({ ok: true });
    for (const action of ["table_template.created", "table_template.updated", "table_template.deleted"]) {
      const entries = (await platformEntries(root.id, action)).filter((entry) => (entry.details as { targetId?: string }).targetId === template.id);
      expect(entries, action).toHaveLength(1);
    }
    const bad = await actingAs(root, () => createTableTemplate(null, { name: " ", description: "", columns: [{ name: "A", type: "colour" }] }));
    expect(bad.ok ? null : Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(expect.arrayContaining(["name"]));
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("a template in use is not deleted (a clear refusal); once no tenant uses it, it is", async () => {
    const template = await newTemplate();
    const table = await use(editorB, world.b.slug, template.id);
    expect(await actingAs(root, () => deleteTableTemplate(null, { templateId: template.id }))).toEqual(expect.objectContaining({ ok: false, code: "CONFLICT", message: TEMPLATE_IN_USE_MESSAGE }));
    expect(await templateRow(template.id)).not.toBeNull();
    expect(await actingAs(editorB, () => deleteDataTableAction(world.b.slug, null, { tableId: table.id }))).toMatchObject({ ok: true });
    expect(await actingAs(root, () => deleteTableTemplate(null, { templateId: template.id }))).toMatchObject({ ok: true });
  });
});

describe("tenants use table templates with tables.write", () => {
  it("a Viewer may not use, customise, reset or stop using; an Editor may, each in the tenant's log", async () => {
    const template = await newTemplate();
    expect(await actingAs(viewerA, () => applyTableTemplate(world.a.slug, null, { templateId: template.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await usesOf(world.a.id)).filter((row) => row.templateId === template.id)).toEqual([]);
    const table = await use(editorA, world.a.slug, template.id);
    await actingAs(viewerA, async () => {
      expect(await customiseTableTemplate(world.a.slug, null, { tableId: table.id, name: "Ours" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await resetTableTemplateField(world.a.slug, null, { tableId: table.id, field: "name" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await removeTableTemplateUse(world.a.slug, null, { tableId: table.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    });
    expect(await customise(editorA, world.a.slug, table.id, { name: `Ours ${uniqueSuffix()}` })).toMatchObject({ ok: true, message: "Saved." });
    expect(await actingAs(editorA, () => resetTableTemplateField(world.a.slug, null, { tableId: table.id, field: "name" }))).toMatchObject({ ok: true });
    expect(await actingAs(editorA, () => removeTableTemplateUse(world.a.slug, null, { tableId: table.id }))).toMatchObject({ ok: true });
    for (const action of ["table_template.used", "table_template.customised", "table_template.field_reset", "table_template.removed"]) {
      const entries = (await tenantEntries(world.a.id, action)).filter((entry) => entry.actorUserId === editorA.id && entry.targetId === table.id);
      expect(entries, action).toHaveLength(1);
    }
    // Stopped using: the table stays, as it read, a table of the tenant's own (renamed like any other).
    expect(await tableIn(world.a.id, table.id)).toMatchObject({ name: template.name, template: null });
    expect(await actingAs(editorA, () => renameDataTableAction(world.a.slug, null, { tableId: table.id, name: `Renamed ${uniqueSuffix()}` }))).toMatchObject({ ok: true });
  });

  it("a tenant uses a template once; a table made from a template is renamed only through its customisation", async () => {
    const template = await newTemplate();
    const table = await use(editorA, world.a.slug, template.id);
    expect(await actingAs(editorA, () => applyTableTemplate(world.a.slug, null, { templateId: template.id }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await actingAs(editorA, () => renameDataTableAction(world.a.slug, null, { tableId: table.id, name: "Elsewhere" }))).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("B's table id replayed from tenant A (by A's Admin, or by B's Editor through A's slug) is not found and changes nothing", async () => {
    const template = await newTemplate();
    const tableB = await use(editorB, world.b.slug, template.id);
    await customise(editorB, world.b.slug, tableB.id, { name: "B's customers" });
    const before = await usesOf(world.b.id);
    for (const [caller, slug] of [[world.adminA, world.a.slug], [editorB, world.a.slug]] as const) {
      await actingAs(caller, async () => {
        for (const result of [
          await customiseTableTemplate(slug, null, { tableId: tableB.id, name: "stolen" }),
          await resetTableTemplateField(slug, null, { tableId: tableB.id, field: "name" }),
          await removeTableTemplateUse(slug, null, { tableId: tableB.id }),
        ])
          expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
      });
    }
    expect(await customise(world.adminA, world.a.slug, "not-a-uuid", { name: "x" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await usesOf(world.b.id)).toEqual(before);
  });
});

describe("table template actions x callers (tenant A)", () => {
  const cases = Object.entries(EDITOR_ACTION_REFUSALS);

  it.each(cases)("use, customise, reset and stop using as %s", async (caller, refusal) => {
    const template = await newTemplate();
    const who = callers[caller]!;
    const used = await actingAs(who, () => applyTableTemplate(world.a.slug, null, { templateId: template.id }));
    expect(used).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    expect((await usesOf(world.a.id)).filter((row) => row.templateId === template.id)).toHaveLength(refusal ? 0 : 1);
    // The other three on a table an Editor made from the template.
    const table = refusal ? await use(editorA, world.a.slug, template.id) : (used as { data: { id: string } }).data;
    const before = await usesOf(world.a.id);
    const results = await actingAs(who, async () => [
      await customiseTableTemplate(world.a.slug, null, { tableId: table.id, name: `By ${caller} ${uniqueSuffix()}` }),
      await resetTableTemplateField(world.a.slug, null, { tableId: table.id, field: "name" }),
      await removeTableTemplateUse(world.a.slug, null, { tableId: table.id }),
    ]);
    for (const result of results) expect(result).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    if (refusal) expect(await usesOf(world.a.id)).toEqual(before);
    else expect((await usesOf(world.a.id)).filter((row) => row.templateId === template.id)).toEqual([]);
  });
});

describe("a tenant's table follows its template where not customised, and keeps its rows", () => {
  it("inherit, customise a column label, follow a template update (a new column), reset", async () => {
    const template = await newTemplate();
    const [emailKey, ageKey] = template.columns.map((column) => column.key) as [string, string];
    const tableA = await use(editorA, world.a.slug, template.id);
    const tableB = await use(editorB, world.b.slug, template.id);
    expect((await tableIn(world.a.id, tableA.id))!.columns.map((column) => [column.name, column.source, column.customised])).toEqual([
      ["Email", "template", false],
      ["Age", "template", false],
    ]);
    // Rows are the tenant's own; A renames the column Email after adding one.
    expect(await actingAs(editorA, () => addRow(world.a.slug, null, { tableId: tableA.id, c0: "ann@example.com", c1: "41" }))).toMatchObject({ ok: true });
    expect(await customise(editorA, world.a.slug, tableA.id, { name: template.name, labels: { [emailKey]: "E-mail", [ageKey]: "Age" } })).toMatchObject({ ok: true });
    const customised = (await tableIn(world.a.id, tableA.id))!;
    expect(customised.columns.map((column) => [column.name, column.customised])).toEqual([
      ["E-mail", true],
      ["Age", false],
    ]);
    expect(customised.template?.effective.customised.name).toBe(false);

    // The superadmin renames Age and adds Phone: A keeps its label and gets both; B inherits everything.
    expect(await edit(template, [template.columns[0]!, { ...template.columns[1]!, name: "Age (years)" }, { name: "Phone", type: "text" }])).toMatchObject({ ok: true });
    const afterA = (await tableIn(world.a.id, tableA.id))!;
    expect(afterA.columns.map((column) => column.name)).toEqual(["E-mail", "Age (years)", "Phone"]);
    expect((await tableIn(world.b.id, tableB.id))!.columns.map((column) => column.name)).toEqual(["Email", "Age (years)", "Phone"]);
    // The row A added reads the same under the renamed columns; a new row fills the new column too.
    const [row] = await inTenant(world.a.id, (tx) => tx.query.dataTableRows.findMany({ where: (rows, { eq: is }) => is(rows.tableId, tableA.id) }));
    expect(afterA.columns.map((column) => row!.values[column.key])).toEqual(["ann@example.com", 41, undefined]);
    expect(await actingAs(editorA, () => editRow(world.a.slug, null, { tableId: tableA.id, rowId: row!.id, c0: "ann@example.com", c1: "42", c2: "555" }))).toMatchObject({ ok: true });
    const edited = (await inTenant(world.a.id, (tx) => findRow(tx, tableA.id, row!.id)))!;
    expect(afterA.columns.map((column) => edited.values[column.key])).toEqual(["ann@example.com", 42, "555"]);

    expect(await actingAs(editorA, () => resetTableTemplateField(world.a.slug, null, { tableId: tableA.id, field: `label.${emailKey}` }))).toMatchObject({ ok: true });
    expect((await tableIn(world.a.id, tableA.id))!.columns.map((column) => [column.name, column.customised])).toEqual([
      ["Email", false],
      ["Age (years)", false],
      ["Phone", false],
    ]);
  });

  it("extra columns of the tenant's go after the template's; the template's table name follows unless overridden", async () => {
    const template = await newTemplate();
    const table = await use(editorA, world.a.slug, template.id);
    const ownName = `Our customers ${uniqueSuffix()}`;
    expect(await customise(editorA, world.a.slug, table.id, { name: ownName, columns: [{ name: "VIP", type: "boolean" }] })).toMatchObject({ ok: true });
    await edit(template, template.columns, `${template.name} v2`);
    const read = (await tableIn(world.a.id, table.id))!;
    expect(read.name).toBe(ownName);
    expect(read.columns.map((column) => [column.name, column.source])).toEqual([
      ["Email", "template"],
      ["Age", "template"],
      ["VIP", "tenant"],
    ]);
    // Too many columns with the template's own: refused next to the columns.
    const many = Array.from({ length: 11 }, (_, index) => ({ name: `Extra ${index}`, type: "text" }));
    expect(await customise(editorA, world.a.slug, table.id, { name: ownName, columns: many })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { columns: [expect.stringContaining("at most")] } });
  });

  it("a column the template removes or retypes keeps the tenant's values: shown as removed, never lost", async () => {
    const template = await newTemplate();
    const table = await use(editorA, world.a.slug, template.id);
    expect(await actingAs(editorA, () => addRow(world.a.slug, null, { tableId: table.id, c0: "bo@example.com", c1: "30" }))).toMatchObject({ ok: true });
    // Removed: Age goes from the template.
    await edit(template, [template.columns[0]!]);
    const removed = (await tableIn(world.a.id, table.id))!;
    expect(removed.columns.map((column) => [column.name, column.source])).toEqual([
      ["Email", "template"],
      ["Age", "removed"],
    ]);
    const [row] = await inTenant(world.a.id, (tx) => tx.query.dataTableRows.findMany({ where: (rows, { eq: is }) => is(rows.tableId, table.id) }));
    expect(removed.columns.map((column) => row!.values[column.key])).toEqual(["bo@example.com", 30]);
    // Retyped: Email becomes a number column; the text values stay in the old (removed) column.
    await edit(template, [{ ...template.columns[0]!, type: "number" }]);
    const retyped = (await tableIn(world.a.id, table.id))!;
    expect(retyped.columns.map((column) => [column.name, column.type, column.source])).toEqual([
      ["Email", "text", "removed"],
      ["Age", "number", "removed"],
      ["Email", "number", "template"],
    ]);
    expect(retyped.columns.map((column) => row!.values[column.key])).toEqual(["bo@example.com", 30, undefined]);
    // A row written now keeps the old values (the form sends them back) and fills the new column.
    expect(await actingAs(editorA, () => editRow(world.a.slug, null, { tableId: table.id, rowId: row!.id, c0: "bo@example.com", c1: "30", c2: "7" }))).toMatchObject({ ok: true });
    const edited = (await inTenant(world.a.id, (tx) => findRow(tx, table.id, row!.id)))!;
    expect(retyped.columns.map((column) => edited.values[column.key])).toEqual(["bo@example.com", 30, 7]);
  });
});
