// Widgets over a template table's columns the template removed or retyped (issue 14). Such a column
// stays in the tenant's table for its values only: "Add widget" does not offer it, saving a widget over
// it is refused next to the field by the column's label, and a widget made before shows as removed.
// Every message names a column by the label the tenant sees, never by its internal key ("t:…:number").
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { tableTemplates, type TemplateColumn } from "@/db/schema";
import { widgetData } from "@/lib/dashboards/widget-data";
import { widgetSourceTables } from "@/lib/dashboards/widget-sources";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { dashboardSnapshot, inTenant, widgetsOf } from "./dashboards-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createDashboard, addWidget } = await import("@/app/t/[slug]/dashboards/actions");
const { createTableTemplate, updateTableTemplate } = await import("@/app/admin/templates/table-template-actions");
const { applyTableTemplate, customiseTableTemplate } = await import("@/app/t/[slug]/tables/templates/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;
let editor: User;

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  [root, editor] = [await createUser("root", { isSuperadmin: true }), await createUser("editor-a")];
  await addMember(world.a.id, editor.id, ["editor"]);
});

const key = (column: TemplateColumn) => `t:${column.key}:${column.type}`;

/**
 * Tenant A's table made from a new template (Customer, Seats, Since), Seats relabelled "Licences" by the
 * tenant, and a dashboard; then the template drops `drop` (by name) and retypes Since to text.
 */
async function tableWithRemovedColumns() {
  const created = await actingAs(root, () =>
    createTableTemplate(null, {
      name: `Customers ${uniqueSuffix()}`,
      description: "",
      columns: [
        { name: "Customer", type: "text" },
        { name: "Seats", type: "number" },
        { name: "Since", type: "date" },
      ],
    }),
  );
  if (!created.ok) throw new Error(created.message);
  const [template] = await withSystem((tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.id, created.data.id)));
  const [customer, seats, since] = template!.columns as [TemplateColumn, TemplateColumn, TemplateColumn];
  const applied = await actingAs(editor, () => applyTableTemplate(world.a.slug, null, { templateId: template!.id }));
  if (!applied.ok) throw new Error(applied.message);
  const tableId = applied.data.id as string;
  const relabelled = await actingAs(editor, () => customiseTableTemplate(world.a.slug, null, { tableId, name: template!.name, labels: { [seats.key]: "Licences" }, columns: [] }));
  if (!relabelled.ok) throw new Error(relabelled.message);
  const dashboard = await actingAs(editor, () => createDashboard(world.a.slug, null, { name: `dash-${uniqueSuffix()}` }));
  if (!dashboard.ok) throw new Error(dashboard.message);
  const dashboardId = dashboard.data.id as string;
  // Made while the columns were live.
  for (const fields of [
    { kind: "number", title: "Licences", measure: "sum", column: key(seats) },
    { kind: "chart", title: "Since", days: "7", dateColumn: key(since) },
    { kind: "table", title: "Rows", rows: "10", columns: [key(customer), key(seats)] },
  ]) {
    const added = await actingAs(editor, () => addWidget(world.a.slug, null, { dashboardId, source: `table:${tableId}`, ...fields }));
    if (!added.ok) throw new Error(added.message);
  }
  const updated = await actingAs(root, () =>
    updateTableTemplate(null, { templateId: template!.id, name: template!.name, description: "", columns: [customer, { ...since, type: "text" }] }),
  );
  if (!updated.ok) throw new Error(updated.message);
  return { tableId, dashboardId, customer, seats, since };
}

describe("a template column the template removed or retyped", () => {
  it("is not offered by Add widget; the live columns are, by their labels", async () => {
    const { tableId } = await tableWithRemovedColumns();
    const tables = await inTenant(world.a.id, (tx) => widgetSourceTables(tx, { roles: ["editor"] }));
    const columns = tables.find((table) => table.id === tableId)!.columns;
    // Since is a text column now (a new, empty column); the date one and Seats are kept for their values only.
    expect(columns.map((column) => [column.name, column.type])).toEqual([
      ["Customer", "text"],
      ["Since", "text"],
    ]);
  });

  it("cannot be saved as a widget's column: refused next to the field, by the tenant's label, nothing stored", async () => {
    const { tableId, dashboardId, customer, seats, since } = await tableWithRemovedColumns();
    const before = await dashboardSnapshot(world.a.id);
    const source = `table:${tableId}`;
    const refused = [
      [{ kind: "number", title: "x", source, measure: "sum", column: key(seats) }, "column", "The column Licences was removed from this table's template. Choose another column."],
      [{ kind: "chart", title: "x", source, days: "7", dateColumn: key(since) }, "dateColumn", "The column Since was removed from this table's template. Choose another column."],
      [{ kind: "table", title: "x", source, rows: "10", columns: [key(customer), key(seats)] }, "columns", "The column Licences was removed from this table's template. Choose another column."],
    ] as const;
    for (const [fields, field, message] of refused) {
      const result = await actingAs(editor, () => addWidget(world.a.slug, null, { dashboardId, ...fields }));
      expect(result, fields.kind).toMatchObject({ ok: false, fieldErrors: { [field]: [message] } });
    }
    expect(await dashboardSnapshot(world.a.id)).toEqual(before);
    // The live columns still make a widget.
    expect(await actingAs(editor, () => addWidget(world.a.slug, null, { dashboardId, kind: "table", title: "ok", source, rows: "10", columns: [key(customer)] }))).toMatchObject({ ok: true });
  });

  it("shows a widget made before as removed, naming the column by its label, never its key", async () => {
    const { dashboardId } = await tableWithRemovedColumns();
    const widgets = await widgetsOf(world.a.id, dashboardId);
    const shown = await inTenant(world.a.id, (tx) => Promise.all(widgets.map((widget) => widgetData(tx, widget))));
    expect(shown).toEqual([
      { state: "removed", reason: "Source removed: the column Licences was removed from its table's template." },
      { state: "removed", reason: "Source removed: the column Since was removed from its table's template." },
      { state: "removed", reason: "Source removed: the column Licences was removed from its table's template." },
    ]);
  });

  it("a widget naming a template key the table never had names the column it was made from, or none", async () => {
    const { tableId, customer } = await tableWithRemovedColumns();
    // Customer is a text column: a number key made from it (a config from before a retype) names Customer.
    const configs = [
      { source: "table", tableId, measure: "sum", column: `t:${customer.key}:number` },
      { source: "table", tableId, measure: "sum", column: "t:never-a-column:number" },
      { source: "table", tableId, columns: ["x:never-a-column"], rows: 10 },
    ];
    const kinds = ["number", "number", "table"] as const;
    const shown = await inTenant(world.a.id, (tx) => Promise.all(configs.map((config, i) => widgetData(tx, { kind: kinds[i]!, config: config as never }))));
    expect(shown).toEqual([
      { state: "removed", reason: "Source removed: the column Customer is no longer a number column of its table." },
      { state: "removed", reason: "Source removed: a column is no longer in its table." },
      { state: "removed", reason: "Source removed: a column is no longer in its table." },
    ]);
    for (const data of shown) expect(JSON.stringify(data)).not.toMatch(/[tx]:/);
  });
});
