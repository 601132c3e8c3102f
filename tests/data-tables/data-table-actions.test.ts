// Data tables through their server actions, attacked: every caller x action, another tenant's table
// and row ids (and malformed ones), names unique regardless of case, values checked per column type,
// and two tenants each with a table "customers" that see only their own rows.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, dataTableRows, dataTables, type DataColumn, type DataRowValues } from "@/db/schema";
import { findDataTable, insertRow, listDataTables } from "@/db/queries/data-tables";
import { listRows } from "@/db/queries/data-table-row-page";
import { createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";
import { EDITOR_ACTION_REFUSALS, editorActionCallers } from "../support/editor-callers";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createDataTable, renameDataTableAction, deleteDataTableAction, addRow, editRow, deleteRow } = await import("@/app/t/[slug]/tables/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
const callers: Record<string, User | null> = {};

const COLUMNS: DataColumn[] = [
  { name: "Name", type: "text" },
  { name: "Seats", type: "number" },
  { name: "Active", type: "boolean" },
  { name: "Since", type: "date" },
];

const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);

async function seedTable(tenantId: string, name = `table ${uniqueSuffix()}`, columns = COLUMNS) {
  const [row] = await inTenant(tenantId, (tx) => tx.insert(dataTables).values({ tenantId, name, columns }).returning());
  return row!;
}
// Through the rows' one writer (db/queries/data-tables.ts), which keeps the sort keys and the table's row count.
async function seedRow(tenantId: string, tableId: string, values: DataRowValues = { Name: "Ada", Seats: 3, Active: true, Since: "2026-01-02" }) {
  return inTenant(tenantId, async (tx) => insertRow(tx, (await findDataTable(tx, tableId))!, values));
}
const tablesOf = (tenantId: string) => inTenant(tenantId, (tx) => tx.select().from(dataTables).where(eq(dataTables.tenantId, tenantId)));
const tableById = async (tenantId: string, id: string) => (await tablesOf(tenantId)).find((table) => table.id === id);
const rowsOf = (tenantId: string, tableId: string) =>
  inTenant(tenantId, (tx) => tx.select().from(dataTableRows).where(and(eq(dataTableRows.tenantId, tenantId), eq(dataTableRows.tableId, tableId))));
const entries = (tenantId: string, action: string) =>
  inTenant(tenantId, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

beforeAll(async () => {
  // Enterprise: the matrix creates more tables than the Free license allows (its limits: limits.test.ts).
  world = await createTwoTenants({ license: "enterprise" });
  Object.assign(callers, await editorActionCallers(world));
});

// What each caller gets from each action in tenant A (null = allowed).
const cases = Object.entries(EDITOR_ACTION_REFUSALS);

describe("data table actions x callers", () => {
  it.each(cases)("create as %s", async (caller, refusal) => {
    signInAs(callers[caller]!);
    const name = `Created by ${caller} ${uniqueSuffix()}`;
    const form = new FormData();
    form.set("name", name);
    for (const column of [...COLUMNS, { name: "", type: "text" }]) {
      form.append("columnName", column.name);
      form.append("columnType", column.type);
    }
    const result = await createDataTable(world.a.slug, null, form);
    const created = (await tablesOf(world.a.id)).filter((table) => table.name === name);
    if (refusal) {
      expect(result).toMatchObject({ ok: false, code: refusal });
      expect(created).toEqual([]);
    } else {
      expect(result).toMatchObject({ ok: true, data: { name } });
      // The spare, unnamed column row of the form is dropped.
      expect(created).toMatchObject([{ columns: COLUMNS, createdBy: callers[caller]!.id }]);
      expect((await entries(world.a.id, "data_table.created")).some((e) => e.targetId === created[0]!.id && e.actorUserId === callers[caller]!.id)).toBe(true);
    }
  });

  it.each(cases)("rename as %s", async (caller, refusal) => {
    const table = await seedTable(world.a.id);
    signInAs(callers[caller]!);
    const name = `Renamed by ${caller} ${uniqueSuffix()}`;
    const result = await renameDataTableAction(world.a.slug, null, { tableId: table.id, name });
    expect(result).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true, data: { id: table.id, name } });
    expect((await tableById(world.a.id, table.id))?.name).toBe(refusal ? table.name : name);
    expect((await entries(world.a.id, "data_table.renamed")).some((e) => e.targetId === table.id)).toBe(!refusal);
  });

  it.each(cases)("delete (with its rows) as %s", async (caller, refusal) => {
    const table = await seedTable(world.a.id);
    await seedRow(world.a.id, table.id);
    signInAs(callers[caller]!);
    const result = await deleteDataTableAction(world.a.slug, null, { tableId: table.id });
    expect(result).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    expect(Boolean(await tableById(world.a.id, table.id))).toBe(Boolean(refusal));
    expect(await rowsOf(world.a.id, table.id)).toHaveLength(refusal ? 1 : 0);
    const entry = (await entries(world.a.id, "data_table.deleted")).find((e) => e.targetId === table.id);
    if (refusal) expect(entry).toBeUndefined();
    else expect(entry?.details).toMatchObject({ name: table.name, rowCount: 1 });
  });

  it.each(cases)("add, edit and delete a row as %s", async (caller, refusal) => {
    const table = await seedTable(world.a.id);
    const existing = await seedRow(world.a.id, table.id);
    signInAs(callers[caller]!);
    const added = await addRow(world.a.slug, null, { tableId: table.id, c0: "Grace", c1: "12.5", c2: "on", c3: "2026-03-04" });
    expect(added).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    const edited = await editRow(world.a.slug, null, { tableId: table.id, rowId: existing.id, c0: "Ada L.", c1: "", c3: "" });
    expect(edited).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true, data: { id: existing.id } });
    const rows = await rowsOf(world.a.id, table.id);
    if (refusal) {
      expect(rows).toMatchObject([{ id: existing.id, values: existing.values }]);
    } else {
      expect(rows.find((row) => row.id !== existing.id)?.values).toEqual({ Name: "Grace", Seats: 12.5, Active: true, Since: "2026-03-04" });
      // An empty field clears the value; an unticked checkbox is "no".
      expect(rows.find((row) => row.id === existing.id)?.values).toEqual({ Name: "Ada L.", Seats: null, Active: false, Since: null });
    }
    const removed = await deleteRow(world.a.slug, null, { tableId: table.id, rowId: existing.id });
    expect(removed).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    expect((await rowsOf(world.a.id, table.id)).some((row) => row.id === existing.id)).toBe(Boolean(refusal));
    for (const action of ["data_table.row_added", "data_table.row_updated", "data_table.row_deleted"]) {
      expect((await entries(world.a.id, action)).some((e) => e.targetId === table.id), action).toBe(!refusal);
    }
  });
});

describe("values are checked against the column's type", () => {
  it("refuses each bad value next to its field and writes nothing", async () => {
    const table = await seedTable(world.a.id);
    signInAs(callers.editor!);
    const result = await addRow(world.a.slug, null, { tableId: table.id, c0: "x".repeat(1001), c1: "12abc", c2: "maybe", c3: "2026-02-30" });
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { c0: ["Use at most 1000 characters."], c1: ["Enter a number."], c2: ["Choose yes or no."], c3: ["Enter a date as YYYY-MM-DD."] },
    });
    expect(await rowsOf(world.a.id, table.id)).toEqual([]);
  });

  it("accepts typed values, negative and exponent numbers, and keeps text as typed", async () => {
    const table = await seedTable(world.a.id);
    signInAs(callers.editor!);
    expect(await addRow(world.a.slug, null, { tableId: table.id, c0: " two words ", c1: "-1e3", c2: true, c3: "2024-02-29" })).toMatchObject({ ok: true });
    expect(await addRow(world.a.slug, null, { tableId: table.id, c1: 7, c2: "false" })).toMatchObject({ ok: true });
    const values = (await rowsOf(world.a.id, table.id)).map((row) => row.values);
    expect(values).toEqual(
      expect.arrayContaining([
        { Name: " two words ", Seats: -1000, Active: true, Since: "2024-02-29" },
        { Name: null, Seats: 7, Active: false, Since: null },
      ]),
    );
  });
});

describe("table names and columns", () => {
  it("are unique within a tenant regardless of case: a duplicate is refused next to the name", async () => {
    const existing = await seedTable(world.a.id, `Invoices ${uniqueSuffix()}`);
    signInAs(callers.editor!);
    const duplicate = await createDataTable(world.a.slug, null, { name: `  ${existing.name.toUpperCase()} `, columns: COLUMNS });
    expect(duplicate).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { name: ["A table with this name already exists in this tenant."] } });
    const other = await seedTable(world.a.id);
    const rename = await renameDataTableAction(world.a.slug, null, { tableId: other.id, name: existing.name.toLowerCase() });
    expect(rename).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { name: [expect.stringMatching(/already exists/)] } });
    // The same name is free in another tenant.
    signInAs(world.adminB);
    expect(await createDataTable(world.b.slug, null, { name: existing.name, columns: COLUMNS })).toMatchObject({ ok: true });
  });

  it("refuses no columns, two columns of one name, and an unknown type, next to the columns", async () => {
    signInAs(callers.editor!);
    const refused = [
      [[], "Add at least one column."],
      [[{ name: "Email", type: "text" }, { name: "email", type: "number" }], "Give each column a different name."],
      [[{ name: "Email", type: "json" }], "Choose a type for every column."],
    ] as const;
    for (const [columns, message] of refused) {
      const name = `Refused ${uniqueSuffix()}`;
      expect(await createDataTable(world.a.slug, null, { name, columns }), message).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { columns: [message] } });
      expect((await tablesOf(world.a.id)).some((table) => table.name === name)).toBe(false);
    }
  });
});

describe("isolation", () => {
  it("two tenants each with a table customers see only their own rows", async () => {
    signInAs(world.adminA);
    const inA = await createDataTable(world.a.slug, null, { name: "customers", columns: [{ name: "Name", type: "text" }] });
    signInAs(world.adminB);
    const inB = await createDataTable(world.b.slug, null, { name: "customers", columns: [{ name: "Name", type: "text" }] });
    if (!inA.ok || !inB.ok) throw new Error("setup: customers tables");
    signInAs(world.adminA);
    expect(await addRow(world.a.slug, null, { tableId: inA.data.id, c0: "Alpha's customer" })).toMatchObject({ ok: true });
    signInAs(world.adminB);
    expect(await addRow(world.b.slug, null, { tableId: inB.data.id, c0: "Beta's customer" })).toMatchObject({ ok: true });

    const page = { sortPosition: null, dir: "asc" as const, filter: null, words: [], cursor: null, size: 50 };
    const seenByA = await inTenant(world.a.id, async (tx) => ({ tables: await listDataTables(tx), own: await listRows(tx, inA.data.id, page), theirs: await listRows(tx, inB.data.id, page) }));
    expect(seenByA.tables.filter((table) => table.name === "customers").map((table) => table.id)).toEqual([inA.data.id]);
    expect(seenByA.own.rows.map((row) => row.values)).toEqual([{ Name: "Alpha's customer" }]);
    // Tenant B's table id asked for inside tenant A: no rows, even with the id right.
    expect(seenByA.theirs).toEqual({ rows: [], previous: null, next: null });
    const seenByB = await inTenant(world.b.id, (tx) => listRows(tx, inB.data.id, page));
    expect(seenByB.rows.map((row) => row.values)).toEqual([{ Name: "Beta's customer" }]);
  });

  it("another tenant's table and row ids, and malformed ids, answer NOT_FOUND to an Admin and change nothing", async () => {
    const theirTable = await seedTable(world.b.id, `Theirs ${uniqueSuffix()}`);
    const theirRow = await seedRow(world.b.id, theirTable.id);
    const ownTable = await seedTable(world.a.id);
    const ownRow = await seedRow(world.a.id, ownTable.id);
    signInAs(world.adminA);
    const malformed = ["not-a-uuid", "'; drop table data_tables; --", "00000000-0000-0000-0000-000000000000", ""];
    for (const tableId of [theirTable.id, ...malformed]) {
      expect(await renameDataTableAction(world.a.slug, null, { tableId, name: "Stolen" }), tableId).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await addRow(world.a.slug, null, { tableId, c0: "Injected" }), tableId).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await editRow(world.a.slug, null, { tableId, rowId: theirRow.id, c0: "Overwritten" }), tableId).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await deleteRow(world.a.slug, null, { tableId, rowId: theirRow.id }), tableId).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await deleteDataTableAction(world.a.slug, null, { tableId }), tableId).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    // Their row under our own table's id, and our row under their table's id: not found either.
    for (const [tableId, rowId] of [[ownTable.id, theirRow.id], [theirTable.id, ownRow.id]]) {
      expect(await editRow(world.a.slug, null, { tableId, rowId, c0: "Overwritten" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await deleteRow(world.a.slug, null, { tableId, rowId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    // A tenant slug from the other tenant's URL does not help either.
    expect(await deleteDataTableAction(world.b.slug, null, { tableId: theirTable.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await tableById(world.b.id, theirTable.id)).toMatchObject({ name: theirTable.name });
    expect(await rowsOf(world.b.id, theirTable.id)).toMatchObject([{ id: theirRow.id, values: theirRow.values }]);
    expect(await rowsOf(world.a.id, ownTable.id)).toMatchObject([{ id: ownRow.id, values: ownRow.values }]);
  });
});
