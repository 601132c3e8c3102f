// Widgets name a table's columns by their value key (issue 14): a tenant relabelling a template
// table's column, or the superadmin relabelling the template's, leaves every widget over it working,
// showing the new label. Widgets stored by label before that are moved to keys by migration 0042, each
// to the column it read until then. Runs on a private database: the migration's statements run here
// as the owner, across tenants, lifting the forced row-level security while they run.
import "../support/own-database";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { executeAsOwner, tenantTableSecurity } from "@/db/catalog";
import { withSystem } from "@/db/scopes";
import { dashboards, dashboardWidgets, tableTemplates } from "@/db/schema";
import { widgetData } from "@/lib/dashboards/widget-data";
import { eq } from "drizzle-orm";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { inTenant, seedTable, widgetsOf } from "./dashboards-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createDashboard, addWidget } = await import("@/app/t/[slug]/dashboards/actions");
const { createTableTemplate, updateTableTemplate } = await import("@/app/admin/templates/table-template-actions");
const { applyTableTemplate, customiseTableTemplate } = await import("@/app/t/[slug]/tables/templates/actions");
const { addRow } = await import("@/app/t/[slug]/tables/actions");

/** The migration's widget statements (its first statement adds connections.version, already there). */
const MIGRATION = readFileSync(new URL("../../db/migrations/0042_widget_column_keys_connection_version.sql", import.meta.url), "utf8")
  .split("--> statement-breakpoint")
  .map((statement) => statement.trim())
  .filter((statement) => statement && !statement.startsWith('ALTER TABLE "connections"'));

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;
let editor: User;

const NOW = new Date();
const today = NOW.toISOString().slice(0, 10);
const COLUMNS = [
  { name: "Customer", type: "text" },
  { name: "Seats", type: "number" },
  { name: "Since", type: "date" },
];

/** A template of these columns, and tenant A's table made from it, with two rows. */
async function templateTable() {
  const created = await actingAs(root, () => createTableTemplate(null, { name: `Customers ${uniqueSuffix()}`, description: "", columns: COLUMNS }));
  if (!created.ok) throw new Error(created.message);
  const [template] = await withSystem((tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.id, created.data.id)));
  const applied = await actingAs(editor, () => applyTableTemplate(world.a.slug, null, { templateId: template!.id }));
  if (!applied.ok) throw new Error(applied.message);
  for (const [name, seats] of [["Ada", "3"], ["Grace", "4"]]) {
    const added = await actingAs(editor, () => addRow(world.a.slug, null, { tableId: applied.data.id, c0: name, c1: seats, c2: today }));
    if (!added.ok) throw new Error(added.message);
  }
  const keys = template!.columns.map((column) => `t:${column.key}:${column.type}`) as [string, string, string];
  return { template: template!, tableId: applied.data.id as string, keys };
}

async function newDashboard() {
  const created = await actingAs(editor, () => createDashboard(world.a.slug, null, { name: `dash-${uniqueSuffix()}` }));
  if (!created.ok) throw new Error(created.message);
  return created.data.id;
}

/** What each widget of the dashboard shows now, in order. */
// The widgets are read first, in their own transaction: a scope opened inside another waits forever on
// the embedded database's one connection (db/scopes.ts now refuses it).
const shown = async (dashboardId: string) => {
  const widgets = await widgetsOf(world.a.id, dashboardId);
  return inTenant(world.a.id, async (tx) => Promise.all(widgets.map((widget) => widgetData(tx, widget, NOW))));
};

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  root = await createUser("root", { isSuperadmin: true });
  editor = await createUser("editor-a");
  await addMember(world.a.id, editor.id, ["editor"]);
});

describe("a widget over a template table's columns", () => {
  it("keeps working, under the new labels, when the tenant and then the template relabel them", async () => {
    const { template, tableId, keys } = await templateTable();
    const dashboardId = await newDashboard();
    const source = `table:${tableId}`;
    // The form sends the columns' keys (its options' values), not their labels.
    for (const fields of [
      { kind: "number", title: "Seats", source, measure: "sum", column: keys[1] },
      { kind: "chart", title: "Since", source, days: "7", dateColumn: keys[2] },
      { kind: "table", title: "Rows", source, rows: "10", columns: [keys[0], keys[1]] },
    ]) {
      expect(await actingAs(editor, () => addWidget(world.a.slug, null, { dashboardId, ...fields })), fields.kind).toMatchObject({ ok: true });
    }
    // Stored by key: a label is no longer accepted as a column.
    expect(await actingAs(editor, () => addWidget(world.a.slug, null, { dashboardId, kind: "number", title: "x", source, measure: "sum", column: "Seats" }))).toMatchObject({
      ok: false,
      fieldErrors: { column: expect.any(Array) },
    });

    const customised = await actingAs(editor, () =>
      customiseTableTemplate(world.a.slug, null, { tableId, name: template.name, labels: { [template.columns[0]!.key]: "Client", [template.columns[1]!.key]: "Licences" }, columns: [] }),
    );
    expect(customised).toMatchObject({ ok: true });
    const updated = await actingAs(root, () =>
      updateTableTemplate(null, { templateId: template.id, name: template.name, description: "", columns: template.columns.map((column, i) => (i === 2 ? { ...column, name: "Customer since" } : column)) }),
    );
    expect(updated).toMatchObject({ ok: true });

    const [number, chart, table] = await shown(dashboardId);
    expect(number).toEqual({ state: "number", value: 7 });
    expect(chart).toMatchObject({ state: "chart" });
    expect((chart as { days: { day: string; count: number }[] }).days.at(-1)).toEqual({ day: today, count: 2 });
    expect(table).toMatchObject({ state: "table", columns: ["Client", "Licences"] });
    expect((table as { rows: { cells: string[] }[] }).rows.map((row) => row.cells)).toEqual([
      ["Ada", "3"],
      ["Grace", "4"],
    ]);
  });
});

describe("migration 0042: widgets stored by label move to keys", () => {
  it("moves each label to the key of the column it read (current labels, the type for numbers and dates); plain tables and unknown labels stay", async () => {
    const { template, tableId, keys } = await templateTable();
    // The tenant relabelled Customer before the migration: the widgets name the label they were made with.
    expect(
      await actingAs(editor, () => customiseTableTemplate(world.a.slug, null, { tableId, name: template.name, labels: { [template.columns[0]!.key]: "Client" }, columns: [] })),
    ).toMatchObject({ ok: true });
    const plain = await seedTable(world.a.id, [{ name: "Seats", type: "number" }], [{ Seats: 2 }]);
    const dashboardId = await newDashboard();
    const byLabel = [
      { kind: "number", config: { source: "table", tableId, measure: "sum", column: "Seats" } },
      { kind: "number", config: { source: "table", tableId, measure: "count" } },
      { kind: "chart", config: { source: "table", tableId, dateColumn: "Since", days: 30 } },
      { kind: "chart", config: { source: "table", tableId, dateColumn: null, days: 30 } },
      { kind: "table", config: { source: "table", tableId, columns: ["Client", "Seats", "Gone"], rows: 10 } },
      // A number widget naming a text column's label: not the column it could read (it showed removed).
      { kind: "number", config: { source: "table", tableId, measure: "average", column: "Client" } },
      { kind: "number", config: { source: "table", tableId: plain.id, measure: "sum", column: "Seats" } },
      { kind: "number", config: { source: "flow_runs", status: "any" } },
    ] as const;
    await inTenant(world.a.id, (tx) =>
      tx.insert(dashboardWidgets).values(byLabel.map((widget, position) => ({ tenantId: world.a.id, dashboardId, position, kind: widget.kind, title: `w${position}`, config: widget.config as never }))),
    );

    await executeAsOwner(...MIGRATION);

    expect((await widgetsOf(world.a.id, dashboardId)).map((widget) => widget.config)).toEqual([
      { source: "table", tableId, measure: "sum", column: keys[1] },
      { source: "table", tableId, measure: "count" },
      { source: "table", tableId, dateColumn: keys[2], days: 30 },
      { source: "table", tableId, dateColumn: null, days: 30 },
      { source: "table", tableId, columns: [keys[0], keys[1], "Gone"], rows: 10 },
      { source: "table", tableId, measure: "average", column: "Client" },
      { source: "table", tableId: plain.id, measure: "sum", column: "Seats" },
      { source: "flow_runs", status: "any" },
    ]);
    const [sum] = await shown(dashboardId);
    expect(sum).toEqual({ state: "number", value: 7 });
    // Row-level security is forced again on the tables it lifted it from.
    const security = await tenantTableSecurity();
    for (const table of ["dashboard_widgets", "data_tables", "table_template_uses"]) expect(security.find((row) => row.table === table), table).toMatchObject({ forced: true });
  });

  it("moves an archived tenant's widgets too (the read-only guard is lifted for it alone), and the guard is back after", async () => {
    const table = await seedTable(world.b.id, [{ name: "Seats", type: "number" }], [{ Seats: 5 }]);
    const [dashboard] = await inTenant(world.b.id, (tx) => tx.insert(dashboards).values({ tenantId: world.b.id, name: `dash-${uniqueSuffix()}` }).returning());
    const config = { source: "table", tableId: table.id, measure: "sum", column: "Seats" };
    await inTenant(world.b.id, (tx) => tx.insert(dashboardWidgets).values({ tenantId: world.b.id, dashboardId: dashboard!.id, position: 0, kind: "number", title: "w", config: config as never }));
    await executeAsOwner(`update tenants set archived_at = now() where id = '${world.b.id}'`);
    try {
      await executeAsOwner(...MIGRATION);
      expect((await widgetsOf(world.b.id, dashboard!.id)).map((widget) => widget.config)).toEqual([config]);
      await expect(inTenant(world.b.id, (tx) => tx.update(dashboardWidgets).set({ title: "changed" }).where(eq(dashboardWidgets.dashboardId, dashboard!.id)))).rejects.toThrow();
    } finally {
      await executeAsOwner(`update tenants set archived_at = null where id = '${world.b.id}'`);
    }
  });
});
