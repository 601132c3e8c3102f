// A tenant data file's table definition, checked as the console would accept it. A table of the
// tenant's own holds its values under its columns' names, so its names must differ (the table form's
// check). A table made from a template holds them under its columns' value keys
// (lib/templates/effective-table.ts), which are what identify its columns: two of its columns may
// share a name when the template retyped one (the old column stays, with its values, beside the new
// one), so there every column's value key (valueKeyOf) must differ, and its names need not.
import { z } from "zod";
import type { DataColumn } from "@/db/schema/data-tables";
import { MAX_COLUMNS, valueKeyOf } from "../data-tables/column-rules";
import { ColumnInput, CreateTableInput, TableNameInput } from "../data-tables/table-input";
import type { RecordOf } from "./format";
import { checked } from "./refuse-file";

const KeyedColumns = z
  .array(ColumnInput.extend({ key: z.string().optional() }))
  .min(1)
  .max(MAX_COLUMNS)
  .refine((columns) => new Set(columns.map(valueKeyOf)).size === columns.length)
  // A column without a key is stored under its name: those names differ in any case, as on the form.
  .refine((columns) => {
    const unkeyed = columns.filter((column) => column.key === undefined).map((column) => column.name.toLowerCase());
    return new Set(unkeyed).size === unkeyed.length;
  });

/** The table's name and columns (each keeping its value key), or the file is refused. */
export function checkedTable(record: RecordOf<"table">): { name: string; columns: DataColumn[] } {
  if (!record.columns.some((column) => column.key !== undefined)) return checked(CreateTableInput, { name: record.name, columns: record.columns }, "a table definition");
  const name = checked(TableNameInput, record.name, "a table name");
  return { name, columns: checked(KeyedColumns, record.columns, `the columns of the table ${name.slice(0, 80)}`) };
}
