// Managing dashboards does not open the tenant's tables (issue 14): "Add widget" offers as sources only
// the tables the caller may read (tables.read), and saving a widget over a table is refused to a caller
// without tables.read, with a clear message under the source, whether or not the table exists. No
// built-in group gives dashboards.manage without tables.read today; the checks must not rely on that,
// so one Editor here is made to lack tables.read (the permission check answers no for them alone).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DataColumn } from "@/db/schema";
import { widgetSourceTables } from "@/lib/dashboards/widget-sources";
import { TABLE_SOURCE_NEEDS_TABLES_READ_MESSAGE } from "@/lib/dashboards/widget-input";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";
import { actingAs } from "../support/session";
import { dashboardSnapshot, inTenant, seedTable, widgetsOf } from "./dashboards-support";

const withoutTablesRead = vi.hoisted(() => ({ userId: "" }));
vi.mock("@/lib/permissions", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/permissions")>();
  return {
    ...actual,
    can: (holder: Parameters<typeof actual.can>[0], permission: Parameters<typeof actual.can>[1]) =>
      permission === "tables.read" && (holder as { user?: { id: string } }).user?.id === withoutTablesRead.userId ? false : actual.can(holder, permission),
  };
});
vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createDashboard, addWidget } = await import("@/app/t/[slug]/dashboards/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let editor: User;
let noTables: User;
let tableA: { id: string; name: string };
const COLUMNS: DataColumn[] = [
  { name: "Name", type: "text" },
  { name: "Seats", type: "number" },
];

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  [editor, noTables] = [await createUser("editor-a"), await createUser("no-tables-a")];
  await addMember(world.a.id, editor.id, ["editor"]);
  await addMember(world.a.id, noTables.id, ["editor"]);
  withoutTablesRead.userId = noTables.id;
  tableA = await seedTable(world.a.id, COLUMNS, [{ Name: "Ada", Seats: 3 }], "customers");
  await seedTable(world.b.id, COLUMNS, [{ Name: "Secret", Seats: 9 }], "b-only");
});

describe("the sources Add widget offers", () => {
  it("lists the tenant's tables with their columns to a caller who may read tables, and only the tenant's", async () => {
    const tables = await inTenant(world.a.id, (tx) => widgetSourceTables(tx, { roles: ["editor"] }));
    expect(tables.map((table) => table.name)).toContain("customers");
    expect(tables.map((table) => table.name)).not.toContain("b-only");
    expect(tables.find((table) => table.id === tableA.id)?.columns.map((column) => column.name)).toEqual(["Name", "Seats"]);
  });

  it("lists no table to a caller who manages dashboards without tables.read, nor to one who may not manage them", async () => {
    expect(await inTenant(world.a.id, (tx) => widgetSourceTables(tx, { roles: [], groupPermissions: ["dashboards.read", "dashboards.manage"] }))).toEqual([]);
    expect(await inTenant(world.a.id, (tx) => widgetSourceTables(tx, { roles: ["viewer"] }))).toEqual([]);
    // A Viewer in "Viewers see dashboards only" mode loses tables.read and never had dashboards.manage.
    expect(await inTenant(world.a.id, (tx) => widgetSourceTables(tx, { roles: ["viewer"], viewersSeeDashboardsOnly: true }))).toEqual([]);
  });
});

describe("saving a widget over a table", () => {
  it("is refused to a caller without tables.read, under the source, for an existing table or not; nothing written", async () => {
    const created = await actingAs(noTables, () => createDashboard(world.a.slug, null, { name: "No tables" }));
    if (!created.ok) throw new Error(created.message);
    const before = await dashboardSnapshot(world.a.id);
    for (const source of [`table:${tableA.id}`, `table:${randomUUID()}`, "table:not-an-id"]) {
      const result = await actingAs(noTables, () => addWidget(world.a.slug, null, { dashboardId: created.data.id, kind: "number", title: "Count", source, measure: "count" }));
      expect(result, source).toEqual(expect.objectContaining({ ok: false, code: "FORBIDDEN", message: TABLE_SOURCE_NEEDS_TABLES_READ_MESSAGE, fieldErrors: { source: [TABLE_SOURCE_NEEDS_TABLES_READ_MESSAGE] } }));
    }
    expect(await dashboardSnapshot(world.a.id)).toEqual(before);
    // Flow runs stay open to them (dashboards.manage is theirs).
    expect(await actingAs(noTables, () => addWidget(world.a.slug, null, { dashboardId: created.data.id, kind: "number", title: "Runs", source: "flow_runs", status: "any" }))).toMatchObject({ ok: true });
    expect((await widgetsOf(world.a.id, created.data.id)).map((widget) => widget.config)).toEqual([{ source: "flow_runs", status: "any" }]);
  });

  it("is saved for an Editor, who may read tables", async () => {
    const created = await actingAs(editor, () => createDashboard(world.a.slug, null, { name: "With tables" }));
    if (!created.ok) throw new Error(created.message);
    expect(await actingAs(editor, () => addWidget(world.a.slug, null, { dashboardId: created.data.id, kind: "number", title: "Count", source: `table:${tableA.id}`, measure: "count" }))).toMatchObject({ ok: true });
  });
});
