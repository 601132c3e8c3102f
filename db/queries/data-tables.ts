// Data tables and their rows (withTenant scope). Row-level security already limits every statement to
// the scope's tenant; the explicit tenant filters are the second wall and what the indexes lead with.
import { and, asc, eq, sql } from "drizzle-orm";
import { sortKeys } from "@/lib/data-tables/sort-keys";
import { effectiveTable, nameBesideOwnTables, storedColumns, type EffectiveTable } from "@/lib/templates/effective-table";
import { dataTableRows, dataTables, tableTemplates, tableTemplateUses, type DataColumn, type DataRowValues, type TemplateColumn } from "../schema";
import type { TenantTx } from "../scopes";
import { findTableTemplateUseOfTable, tableTemplateUseColumns } from "./table-templates";

const tableColumns = { id: dataTables.id, name: dataTables.name, columns: dataTables.columns, rowCount: dataTables.rowCount, createdAt: dataTables.createdAt };
export const rowColumns = {
  id: dataTableRows.id,
  tableId: dataTableRows.tableId,
  values: dataTableRows.values,
  seq: dataTableRows.seq,
  sortKeys: dataTableRows.sortKeys,
  createdAt: dataTableRows.createdAt,
  updatedAt: dataTableRows.updatedAt,
};

/** The table whose rows are written: its id and its columns (the rows' sort keys follow them). */
type TableOfRows = { id: string; columns: DataColumn[] };

/** Keeps the table's row count (the page's total, the license's row limit, a widget's count) with its rows. */
export async function addToRowCount(tx: TenantTx, tableId: string, change: number) {
  if (change === 0) return;
  await tx
    .update(dataTables)
    .set({ rowCount: sql`${dataTables.rowCount} + ${change}` })
    .where(and(eq(dataTables.tenantId, tx.tenantId), eq(dataTables.id, tableId)));
}

type StoredTable = { id: string; name: string; columns: DataColumn[]; rowCount: number; createdAt: Date };
type UseOfTable = { use: Parameters<typeof effectiveTable>[1] & { id: string; templateId: string }; template: { name: string; columns: TemplateColumn[] } };

/**
 * A table as it reads now: for one made from a workspace template (issue 14, item 3), its name and
 * columns resolved from the template and the tenant's overrides (lib/templates/effective-table.ts),
 * with `template` saying so; a table of the tenant's own as stored, `template` null.
 */
function asRead<T extends StoredTable>(table: T, found: UseOfTable | null, ownNames: ReadonlySet<string>) {
  if (!found) return { ...table, template: null };
  const effective: EffectiveTable = effectiveTable(found.template, found.use, table.columns);
  const name = nameBesideOwnTables(effective.name, ownNames);
  return { ...table, name, columns: effective.columns, template: { useId: found.use.id, templateId: found.use.templateId, templateName: found.template.name, effective } };
}

/** The lower-case names of the tenant's own tables (not made from a template) other than `exceptTableId`, among `names`. */
async function ownTableNames(tx: TenantTx, names: readonly string[], exceptTableId: string) {
  if (names.length === 0) return new Set<string>();
  const rows = await tx
    .select({ name: sql<string>`lower(${dataTables.name})` })
    .from(dataTables)
    .where(
      and(
        eq(dataTables.tenantId, tx.tenantId),
        sql`${dataTables.id} <> ${exceptTableId}`,
        sql`lower(${dataTables.name}) in (${sql.join(names.map((name) => sql`${name.toLowerCase()}`), sql`, `)})`,
        sql`not exists (select 1 from ${tableTemplateUses} where ${tableTemplateUses.tenantId} = ${dataTables.tenantId} and ${tableTemplateUses.tableId} = ${dataTables.id})`,
      ),
    );
  return new Set(rows.map((row) => row.name));
}

/** Whether one of the tenant's own tables other than `tableId` has this name (in any case): a template table's name override may not. */
export async function ownTableHasName(tx: TenantTx, name: string, tableId: string) {
  return (await ownTableNames(tx, [name], tableId)).size > 0;
}

export async function listDataTables(tx: TenantTx) {
  const rows = await tx
    .select({ table: tableColumns, use: tableTemplateUseColumns, template: { name: tableTemplates.name, columns: tableTemplates.columns } })
    .from(dataTables)
    .leftJoin(tableTemplateUses, and(eq(tableTemplateUses.tenantId, dataTables.tenantId), eq(tableTemplateUses.tableId, dataTables.id)))
    .leftJoin(tableTemplates, eq(tableTemplates.id, tableTemplateUses.templateId))
    .where(eq(dataTables.tenantId, tx.tenantId))
    .orderBy(sql`lower(${dataTables.name})`, asc(dataTables.id));
  const ownNames = new Set(rows.filter(({ use }) => !use).map(({ table }) => table.name.toLowerCase()));
  return rows.map(({ table, use, template }) => asRead(table, use && template ? { use, template } : null, ownNames));
}

/** How many tables the tenant has and how many rows they hold together (the license's limits). */
export async function dataTableUsage(tx: TenantTx) {
  const [row] = await tx
    .select({ tables: sql<number>`count(*)::int`, rows: sql<number>`coalesce(sum(${dataTables.rowCount}), 0)::bigint` })
    .from(dataTables)
    .where(eq(dataTables.tenantId, tx.tenantId));
  return { tables: Number(row?.tables ?? 0), rows: Number(row?.rows ?? 0) };
}

/**
 * One table; `lock: "no key update"` keeps it from being deleted, and other writers of its rows
 * waiting, until commit: a row write changes the table's row count (and is held to the row limit).
 */
export async function findDataTable(tx: TenantTx, tableId: string, options: { lock?: "no key update" } = {}) {
  const query = tx.select(tableColumns).from(dataTables).where(and(eq(dataTables.tenantId, tx.tenantId), eq(dataTables.id, tableId)));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  if (!row) return null;
  const found = await findTableTemplateUseOfTable(tx, row.id);
  const wanted = found ? effectiveTable(found.template, found.use, row.columns).name : null;
  const table = asRead(row, found, wanted ? await ownTableNames(tx, [wanted], row.id) : new Set());
  // Locked for a write of its rows: the stored column list takes in the template's new columns first,
  // so the rows written now have their sort keys where the table will keep those columns.
  if (options.lock && table.template) await keepColumnsStored(tx, row, table.columns);
  return table;
}

/** Stores a template table's columns as they read now (new ones appended, none ever dropped). */
export async function keepColumnsStored(tx: TenantTx, stored: { id: string; columns: DataColumn[] }, columns: Parameters<typeof storedColumns>[0]) {
  const next = storedColumns(columns);
  if (JSON.stringify(next) === JSON.stringify(stored.columns)) return;
  await tx
    .update(dataTables)
    .set({ columns: next })
    .where(and(eq(dataTables.tenantId, tx.tenantId), eq(dataTables.id, stored.id)));
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
  const [deleted] = await tx
    .delete(dataTables)
    .where(and(eq(dataTables.tenantId, tx.tenantId), eq(dataTables.id, tableId)))
    .returning({ rowCount: dataTables.rowCount });
  return deleted?.rowCount ?? 0;
}

export async function findRow(tx: TenantTx, tableId: string, rowId: string) {
  const [row] = await tx
    .select(rowColumns)
    .from(dataTableRows)
    .where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId), eq(dataTableRows.id, rowId)));
  return row ?? null;
}

export async function insertRow(tx: TenantTx, table: TableOfRows, values: DataRowValues) {
  const [row] = await insertRows(tx, table, [values]);
  return row!;
}

/** Several rows in one statement (an import's batch), in the given order. */
export async function insertRows(tx: TenantTx, table: TableOfRows, rows: DataRowValues[]) {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(dataTableRows)
    .values(rows.map((values) => ({ tenantId: tx.tenantId, tableId: table.id, values, sortKeys: sortKeys(table.columns, values) })))
    .returning(rowColumns);
  await addToRowCount(tx, table.id, inserted.length);
  return inserted;
}

export async function updateRow(tx: TenantTx, table: TableOfRows, rowId: string, values: DataRowValues) {
  const [row] = await tx
    .update(dataTableRows)
    .set({ values, sortKeys: sortKeys(table.columns, values), updatedAt: sql`now()` })
    .where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, table.id), eq(dataTableRows.id, rowId)))
    .returning(rowColumns);
  return row ?? null;
}

export async function deleteRow(tx: TenantTx, tableId: string, rowId: string) {
  const [row] = await tx
    .delete(dataTableRows)
    .where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId), eq(dataTableRows.id, rowId)))
    .returning(rowColumns);
  if (row) await addToRowCount(tx, tableId, -1);
  return row ?? null;
}
