// What the data-table forms submit, parsed on the server (the messages are the ones shown under the
// fields). The form sends a table's columns as two parallel lists ("columnName" and "columnType", one
// pair per column row); rows left without a name are the form's spare rows, dropped. An object
// (a test, later the API) may give `columns` as a list of { name, type } instead.
import { z } from "zod";
import { DATA_COLUMN_TYPES } from "@/db/schema/data-tables";
import { nameInput } from "../name-input";
import { MAX_COLUMNS } from "./column-rules";

export const TableNameInput = nameInput("table");

/** Checked for shape in the action itself: a malformed id answers "not found", like another tenant's. */
export const DataIdInput = z.string().max(100);

const COLUMN_NAME_MESSAGE = "A column name has at most 60 characters and no control characters.";

export const ColumnInput = z.object({
  name: z
    .string({ error: COLUMN_NAME_MESSAGE })
    .trim()
    .min(1, "Name every column.")
    .max(60, COLUMN_NAME_MESSAGE)
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), COLUMN_NAME_MESSAGE),
  type: z.enum(DATA_COLUMN_TYPES, { error: "Choose a type for every column." }),
});

/** A list of columns: at least one, at most MAX_COLUMNS, no two with the same name (in any case). */
export const columnList = <T extends { name: string }>(column: z.ZodType<T>, most = MAX_COLUMNS) =>
  z
    .array(column, { error: "Add at least one column." })
    .min(1, "Add at least one column.")
    .max(most, `A table has at most ${MAX_COLUMNS} columns.`)
    .refine((columns) => new Set(columns.map((one) => one.name.toLowerCase())).size === columns.length, "Give each column a different name.");

const TableColumnsInput = columnList(ColumnInput);

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The form's parallel lists as `columns` (with "columnKey", when the form sends keys), spare (unnamed) rows dropped. */
export function withColumnPairs(raw: unknown) {
  if (typeof raw !== "object" || raw === null || "columns" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const types = list(fields.columnType);
  const keys = list(fields.columnKey);
  const columns = list(fields.columnName)
    .map((name, index) => ({ name, type: types[index], ...(keys[index] ? { key: keys[index] } : {}) }))
    .filter((column) => typeof column.name !== "string" || column.name.trim() !== "");
  return { ...fields, columns };
}

export const CreateTableInput = z.preprocess(withColumnPairs, z.object({ name: TableNameInput, columns: TableColumnsInput }));
