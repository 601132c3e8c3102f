// A row's sort keys: one text per column position whose order (in the database's collation) is the
// order of the values as their column's type. What the per-position indexes of data_table_rows hold
// (db/schema/data-tables.ts), so sorting and filtering by any column of any table reads an index.
//   text    the text itself, cut to its first TEXT_KEY_LENGTH characters (a btree entry must stay
//           small); rows that share that start keep their insertion order among themselves
//   number  the IEEE-754 double's bits made order-preserving (sign bit flipped for positives, all
//           bits flipped for negatives: the standard total-order trick) as 16 hex digits
//   date    YYYY-MM-DD, which already sorts as dates do
//   boolean "false" / "true"
//   empty   null (the query lists empty values last in either direction)
import type { DataColumn, DataRowValues } from "@/db/schema/data-tables";
import { valueKeyOf } from "./column-rules";

export const TEXT_KEY_LENGTH = 200;

function numberKey(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value === 0 ? 0 : value); // -0 and 0 are one value
  const bits = view.getBigUint64(0);
  const ordered = value < 0 ? ~bits & 0xffff_ffff_ffff_ffffn : bits | 0x8000_0000_0000_0000n;
  return ordered.toString(16).padStart(16, "0");
}

/** The key of one value of a column of this type; null for an empty value. */
export function sortKey(type: DataColumn["type"], value: DataRowValues[string] | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (type === "number" && typeof value === "number") return numberKey(value);
  if (type === "boolean") return value ? "true" : "false";
  return String(value).slice(0, TEXT_KEY_LENGTH);
}

/** The row's keys, one per column in the table's order (the array's length is the column count). */
export function sortKeys(columns: readonly DataColumn[], values: DataRowValues): (string | null)[] {
  return columns.map((column) => sortKey(column.type, values[valueKeyOf(column)]));
}
