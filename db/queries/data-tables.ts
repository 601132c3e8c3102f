// Data tables and their rows (withTenant scope). Row-level security already limits every statement to
// the scope's tenant; the explicit tenant filters are the second wall and what the indexes lead with.
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { dataTableRows, dataTables, type DataColumn, type DataRowValues } from "../schema";
import type { TenantTx } from "../scopes";

const tableColumns = { id: dataTables.id, name: dataTables.name, columns: dataTables.columns, createdAt: dataTables.createdAt };
const rowColumns = { id: dataTableRows.id, tableId: dataTableRows.tableId, values: dataTableRows.values, createdAt: dataTableRows.createdAt, updatedAt: dataTableRows.updatedAt };

export async function listDataTables(tx: TenantTx) {
  return tx.select(tableColumns).from(dataTables).where(eq(dataTables.tenantId, tx.tenantId)).orderBy(sql`lower(${dataTables.name})`, asc(dataTables.id));
}

/** One table; `lock: "share"` keeps it from being deleted until commit (while a row is written). */
export async function findDataTable(tx: TenantTx, tableId: string, options: { lock?: "share" } = {}) {
  const query = tx.select(tableColumns).from(dataTables).where(and(eq(dataTables.tenantId, tx.tenantId), eq(dataTables.id, tableId)));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  return row ?? null;
}

export async function insertDataTable(tx: TenantTx, table: { name: string; columns: DataColumn[]; createdBy: string | null }) {
  const [row] = await tx.insert(dataTables).values({ ...table, tenantId: tx.tenantId }).returning(tableColumns);
  return row!;
}

export async function renameDataTable(tx: TenantTx, tableId: string, name: string) {
  const [row] = await tx
    .update(dataTables)
    .set({ name })
    .where(and(eq(dataTables.tenantId, tx.tenantId), eq(dataTables.id, tableId)))
    .returning(tableColumns);
  return row ?? null;
}

/** Deletes the table and (by the foreign key's cascade) its rows; the number of rows it had. */
export async function deleteDataTable(tx: TenantTx, tableId: string) {
  const [rows] = await tx.select({ value: count() }).from(dataTableRows).where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId)));
  await tx.delete(dataTables).where(and(eq(dataTables.tenantId, tx.tenantId), eq(dataTables.id, tableId)));
  return rows?.value ?? 0;
}

export interface RowListQuery {
  /** A column to sort by (its values compared as its type), or none: the order rows were added in. */
  sortColumn: DataColumn | null;
  dir: "asc" | "desc";
  page: number;
  size: number;
}

function sortKey(column: DataColumn): SQL {
  const text = sql`(${dataTableRows.values} ->> ${column.name})`;
  // Numbers compare as numbers; dates (YYYY-MM-DD), booleans and text compare as their text.
  return column.type === "number" ? sql`${text}::numeric` : text;
}

export async function listRows(tx: TenantTx, tableId: string, query: RowListQuery) {
  const where = and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId));
  const order = query.dir === "desc" ? desc : asc;
  const orderBy = query.sortColumn
    ? [sql`${sortKey(query.sortColumn)} ${sql.raw(query.dir === "desc" ? "desc" : "asc")} nulls last`, order(dataTableRows.createdAt), order(dataTableRows.id)]
    : [order(dataTableRows.createdAt), order(dataTableRows.id)];
  const [rows, [total]] = await Promise.all([
    tx.select(rowColumns).from(dataTableRows).where(where).orderBy(...orderBy).limit(query.size).offset((query.page - 1) * query.size),
    tx.select({ value: count() }).from(dataTableRows).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

export async function findRow(tx: TenantTx, tableId: string, rowId: string) {
  const [row] = await tx
    .select(rowColumns)
    .from(dataTableRows)
    .where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId), eq(dataTableRows.id, rowId)));
  return row ?? null;
}

export async function insertRow(tx: TenantTx, tableId: string, values: DataRowValues) {
  const [row] = await tx.insert(dataTableRows).values({ tenantId: tx.tenantId, tableId, values }).returning(rowColumns);
  return row!;
}

export async function updateRow(tx: TenantTx, tableId: string, rowId: string, values: DataRowValues) {
  const [row] = await tx
    .update(dataTableRows)
    .set({ values, updatedAt: sql`now()` })
    .where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId), eq(dataTableRows.id, rowId)))
    .returning(rowColumns);
  return row ?? null;
}

export async function deleteRow(tx: TenantTx, tableId: string, rowId: string) {
  const [row] = await tx
    .delete(dataTableRows)
    .where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId), eq(dataTableRows.id, rowId)))
    .returning(rowColumns);
  return row ?? null;
}
