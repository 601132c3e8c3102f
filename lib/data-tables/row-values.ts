// A row's values, checked against its table's columns. A form names each value's field by the
// column's position ("c0", "c1", …), so any column name works as a field; an object (a test, later
// the API) may give typed values (a number, a boolean) as well as the form's text.
import { z } from "zod";
import type { DataColumn, DataColumnType, DataRowValues } from "@/db/schema/data-tables";
import type { FieldErrors } from "../action-result";
import { valueKeyOf } from "./column-rules";

export const TEXT_VALUE_MAX_LENGTH = 1000;

/** The form field of the column at `index`. */
export const valueField = (index: number) => `c${index}`;

const empty = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

const isCalendarDate = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

const VALUE_SCHEMAS: Record<DataColumnType, z.ZodType<string | number | boolean | null>> = {
  text: z.preprocess(
    (value) => (empty(value) ? null : value),
    z.string({ error: "Enter text." }).max(TEXT_VALUE_MAX_LENGTH, `Use at most ${TEXT_VALUE_MAX_LENGTH} characters.`).nullable(),
  ),
  number: z.preprocess(
    (value) => (empty(value) ? null : typeof value === "string" ? (/^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value) ? Number(value) : NaN) : value),
    z.number({ error: "Enter a number." }).finite("Enter a number.").nullable(),
  ),
  // A checkbox sends "on" when ticked and nothing when not.
  boolean: z.preprocess(
    (value) => (empty(value) || value === "false" ? false : value === "on" || value === "true" ? true : value),
    z.boolean({ error: "Choose yes or no." }),
  ),
  date: z.preprocess(
    (value) => (empty(value) ? null : typeof value === "string" ? value.trim() : value),
    z.string({ error: "Enter a date as YYYY-MM-DD." }).refine(isCalendarDate, "Enter a date as YYYY-MM-DD.").nullable(),
  ),
};

export type RowValuesResult = { ok: true; values: DataRowValues } | { ok: false; fieldErrors: FieldErrors };

/** One value as its column's type holds it, or the message saying what the column takes. */
export function parseValue(type: DataColumnType, raw: unknown): { ok: true; value: DataRowValues[string] } | { ok: false; message: string } {
  const parsed = VALUE_SCHEMAS[type].safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? "Check this value." };
}

/** The row's values by column name, or the message for each field that does not fit its column. */
export function parseRowValues(columns: readonly DataColumn[], fields: Record<string, unknown>): RowValuesResult {
  const values: DataRowValues = {};
  const fieldErrors: FieldErrors = {};
  columns.forEach((column, index) => {
    const field = valueField(index);
    const parsed = parseValue(column.type, fields[field]);
    if (parsed.ok) values[valueKeyOf(column)] = parsed.value;
    else fieldErrors[field] = [parsed.message];
  });
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, values };
}
