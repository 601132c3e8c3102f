// What the REST API answers for a data table and a row: a table with its columns, each naming the
// field ("c0", "c1", …) a row's body gives its value in (the forms' fields, so the API's writes run
// the forms' own actions); a row with its values by column name.
import { valueField } from "@/lib/data-tables/row-values";
import { valueKeyOf } from "@/lib/data-tables/column-rules";
import type { DataColumn, DataRowValues } from "@/db/schema/data-tables";

export function tableAnswer(table: { id: string; name: string; columns: DataColumn[]; rowCount: number; createdAt: Date }) {
  return {
    id: table.id,
    name: table.name,
    columns: table.columns.map((column, index) => ({ name: column.name, type: column.type, field: valueField(index) })),
    rowCount: table.rowCount,
    createdAt: table.createdAt,
  };
}

/** A row of `table` as the API answers it: values by the column's name as the table reads now (a
 * template's column keeps its storage key when the tenant or the template renames it). */
export function rowAnswer(table: { columns: readonly DataColumn[] }) {
  return (row: { id: string; values: DataRowValues; createdAt: Date; updatedAt: Date }) => ({
    id: row.id,
    values: Object.fromEntries(table.columns.map((column) => [column.name, row.values[valueKeyOf(column)] ?? null])),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}
