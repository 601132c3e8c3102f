// What the "Add widget" form submits, parsed on the server (the messages are the ones shown under the
// fields). The form's fields are flat (kind, title, source, measure, column, status, dateColumn, days,
// rows, columns; a column named by its value key); widgetConfigOf turns them, with the chosen table's
// columns as they are now, into the stored config (lib/dashboards/widget-config.ts) or field errors.
import { z } from "zod";
import type { DataColumn } from "@/db/schema";
import type { FieldErrors } from "../action-result";
import { DataIdInput } from "../data-tables/table-input";
import { valueKeyOf } from "../data-tables/column-rules";
import { columnProblem, liveColumnOf } from "./widget-columns";
import {
  CHART_DAYS,
  NUMBER_MEASURES,
  RUN_STATUSES,
  TABLE_COLUMNS_MAX,
  TABLE_ROWS_MAX,
  TABLE_ROWS_MIN,
  WIDGET_CONFIGS,
  WIDGET_KINDS,
  type WidgetConfig,
  type WidgetKind,
} from "./widget-config";

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value]);
const text = z.string().max(200).optional();

const TITLE_MISSING = "Enter a title for the widget.";

/**
 * A table source chosen by a caller who may manage dashboards but not read tables (no built-in group
 * is such a caller today; the add action does not rely on that).
 */
export const TABLE_SOURCE_NEEDS_TABLES_READ_MESSAGE = "You may not read this tenant's tables, so a widget cannot show one for you. Choose flow runs.";

export const AddWidgetInput = z.object({
  dashboardId: DataIdInput,
  kind: z.enum(WIDGET_KINDS, { error: "Choose a kind of widget." }),
  title: z
    .string({ error: TITLE_MISSING })
    .trim()
    .min(1, TITLE_MISSING)
    .max(80, "Use at most 80 characters.")
    .refine((title) => !/[\u0000-\u001f\u007f]/.test(title), "The title cannot contain control characters."),
  // "flow_runs", or "table:<id>" for one of the tenant's data tables.
  source: z.string({ error: "Choose a source." }).min(1, "Choose a source.").max(100),
  measure: text,
  column: text,
  status: text,
  dateColumn: text,
  days: z.union([z.string(), z.number()]).optional(),
  rows: z.union([z.string(), z.number()]).optional(),
  columns: z.preprocess(list, z.array(z.string().max(200)).max(50, "Choose fewer columns.")),
});
export type AddWidgetFields = z.output<typeof AddWidgetInput>;

/** The table a "table:<id>" source names (null for flow runs); undefined when the source is neither. */
export function sourceTableId(source: string): string | null | undefined {
  if (source === "flow_runs") return null;
  return source.startsWith("table:") ? source.slice("table:".length) : undefined;
}

type Built = { ok: true; config: WidgetConfig } | { ok: false; fieldErrors: FieldErrors };

/**
 * The widget's config from the form's fields and the chosen table (null: flow runs), checked against
 * that table's columns as they are now.
 */
export function widgetConfigOf(kind: WidgetKind, fields: AddWidgetFields, table: { id: string; columns: DataColumn[] } | null): Built {
  const errors: FieldErrors = {};
  const refuse = (field: string, message: string) => (errors[field] = [message]);
  const hasColumn = (key: string | undefined, type?: DataColumn["type"]) => table !== null && liveColumnOf(table.columns, key, type) !== null;
  // A column the template removed (or retyped) is kept in the table for its values only: the form does
  // not offer it, and a forged or stale form naming it is told so, by the column's label.
  const removedColumn = (keys: readonly (string | undefined)[]) => {
    for (const key of keys) {
      const found = key === undefined || !table ? null : columnProblem(table.columns, key);
      if (found?.problem === "removed") return `The column ${found.label} was removed from this table's template. Choose another column.`;
    }
    return null;
  };
  let config: unknown;

  if (kind === "number") {
    if (!table) {
      const status = fields.status || "any";
      if (!(RUN_STATUSES as readonly string[]).includes(status)) refuse("status", "Choose a status.");
      config = { source: "flow_runs", status };
    } else {
      const measure = fields.measure || "count";
      if (!(NUMBER_MEASURES as readonly string[]).includes(measure)) refuse("measure", "Choose what to show.");
      else if (measure === "count") config = { source: "table", tableId: table.id, measure };
      else {
        if (!hasColumn(fields.column, "number")) refuse("column", removedColumn([fields.column]) ?? "Choose a number column of this table.");
        config = { source: "table", tableId: table.id, measure, column: fields.column };
      }
    }
  } else if (kind === "chart") {
    const days = Number(fields.days);
    if (!(CHART_DAYS as readonly number[]).includes(days)) refuse("days", `Choose ${CHART_DAYS.join(", ")} days.`);
    if (!table) config = { source: "flow_runs", days };
    else {
      const dateColumn = fields.dateColumn || null;
      if (dateColumn !== null && !hasColumn(dateColumn, "date")) refuse("dateColumn", removedColumn([dateColumn]) ?? "Choose a date column of this table, or when rows were added.");
      config = { source: "table", tableId: table.id, dateColumn, days };
    }
  } else {
    const rows = Number(fields.rows);
    if (!Number.isInteger(rows) || rows < TABLE_ROWS_MIN || rows > TABLE_ROWS_MAX) refuse("rows", `Show between ${TABLE_ROWS_MIN} and ${TABLE_ROWS_MAX} rows.`);
    if (!table) config = { source: "flow_runs", rows };
    else {
      const columns = [...new Set(fields.columns)];
      if (columns.length === 0) refuse("columns", "Choose at least one column.");
      else if (columns.length > TABLE_COLUMNS_MAX) refuse("columns", `Choose at most ${TABLE_COLUMNS_MAX} columns.`);
      else if (!columns.every((key) => hasColumn(key))) refuse("columns", removedColumn(columns) ?? "Choose columns of this table.");
      // In the table's order, whatever order the form sent them in.
      config = { source: "table", tableId: table.id, columns: table.columns.map(valueKeyOf).filter((key) => columns.includes(key)), rows };
    }
  }

  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  // The stored shape, checked once more (a mistake here must not store a widget the page cannot read).
  const parsed = WIDGET_CONFIGS[kind].safeParse(config);
  if (!parsed.success) throw new Error(`widget config does not parse: ${parsed.error.message}`);
  return { ok: true, config: parsed.data };
}
