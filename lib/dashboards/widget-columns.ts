// How a widget finds the columns it names (by value key, lib/dashboards/widget-config.ts) in its table
// as the table reads now, and how it names them to the tenant: always by the label the tenant sees,
// never by a template column's internal key ("t:<key>:<type>", "x:<key>").
import type { DataColumn, DataColumnType } from "@/db/schema";
import { isRemovedColumn, valueKeyOf } from "@/lib/data-tables/column-rules";

/**
 * The column stored under `key`, with its position, when it is still live in the table (not kept only
 * for its values after the template removed or retyped it) and of `type` when one is given; else null.
 */
export function liveColumnOf(columns: readonly DataColumn[], key: string | undefined, type?: DataColumnType) {
  const position = columns.findIndex((column) => valueKeyOf(column) === key && !isRemovedColumn(column) && (!type || column.type === type));
  return position === -1 ? null : { position, column: columns[position]! };
}

/** Why the column under `key` is not one a widget may read as `type`: removed, retyped, or gone. */
export type ColumnProblem = { problem: "removed" | "type" | "gone"; label: string | null };

export function columnProblem(columns: readonly DataColumn[], key: string, type?: DataColumnType): ColumnProblem | null {
  if (liveColumnOf(columns, key, type)) return null;
  const stored = columns.find((column) => valueKeyOf(column) === key);
  if (stored) return { problem: isRemovedColumn(stored) ? "removed" : "type", label: stored.name };
  // A template column's key ("t:<template key>:<type>") the table never stored: the template column it
  // was made from, when the table has it under another type, is the one the tenant knows.
  const template = /^t:(.+):[a-z]+$/.exec(key);
  const retyped = template && columns.find((column) => "templateKey" in column && column.templateKey === template[1]);
  if (retyped) return { problem: "type", label: retyped.name };
  // A plain table's key is the column's name, the label its members knew; a template's has none left.
  return { problem: "gone", label: /^[tx]:/.test(key) ? null : key };
}

/** "the column Seats", or "a column" when no label is left. */
export const columnPhrase = ({ label }: ColumnProblem) => (label === null ? "a column" : `the column ${label}`);
