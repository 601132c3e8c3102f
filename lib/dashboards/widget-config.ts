// What a dashboard widget shows, as stored in dashboard_widgets.config (checked with zod on the way
// in and on the way out: a row that no longer parses shows as "source removed", never an error).
// A widget reads either one data table of the tenant (by id; its columns by their value key, valueKeyOf
// in lib/data-tables/column-rules.ts: a column's name for a plain table, the key that stays when a
// template table's column is relabelled; so a relabelled column keeps its widgets and they show the new
// label) or the tenant's Production flow runs.
import { z } from "zod";

export const WIDGET_KINDS = ["number", "chart", "table"] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];
export const WIDGET_KIND_LABELS: Record<WidgetKind, string> = { number: "Number", chart: "Chart by day", table: "Table" };

export const NUMBER_MEASURES = ["count", "sum", "average"] as const;
export type NumberMeasure = (typeof NUMBER_MEASURES)[number];
export const MEASURE_LABELS: Record<NumberMeasure, string> = { count: "Count of rows", sum: "Sum of a number column", average: "Average of a number column" };

/** The run statuses a Number widget may count by ("any": all runs). */
export const RUN_STATUSES = ["any", "succeeded", "failed"] as const;
export const RUN_STATUS_LABELS: Record<(typeof RUN_STATUSES)[number], string> = { any: "Any status", succeeded: "Succeeded", failed: "Failed" };

export const CHART_DAYS = [7, 30, 90] as const;
export const TABLE_ROWS_MIN = 10;
export const TABLE_ROWS_MAX = 50;
/** A Table widget's most columns, and the most widgets one dashboard holds (a page stays bounded). */
export const TABLE_COLUMNS_MAX = 10;
export const WIDGETS_PER_DASHBOARD = 24;

const uuid = z.uuid();
// A column's value key: a plain table's column name (at most 60), or a template table's "t:<key>:<type>"
// / "x:<key>" (template keys are at most 100 characters).
const columnKey = z.string().min(1).max(120);
const tableSource = { source: z.literal("table"), tableId: uuid };
const runsSource = { source: z.literal("flow_runs") };

// A plain union: two of its shapes share the source "table" (a count, or a sum/average of a column).
const NumberConfig = z.union([
  z.strictObject({ ...tableSource, measure: z.literal("count") }),
  z.strictObject({ ...tableSource, measure: z.enum(["sum", "average"]), column: columnKey }),
  z.strictObject({ ...runsSource, status: z.enum(RUN_STATUSES) }),
]);

const days = z.union(CHART_DAYS.map((value) => z.literal(value)) as [z.ZodLiteral<7>, z.ZodLiteral<30>, z.ZodLiteral<90>]);
const ChartConfig = z.discriminatedUnion("source", [
  // dateColumn null: by when each row was added.
  z.object({ ...tableSource, dateColumn: columnKey.nullable(), days }),
  z.object({ ...runsSource, days }),
]);

const rows = z.number().int().min(TABLE_ROWS_MIN).max(TABLE_ROWS_MAX);
const TableConfig = z.discriminatedUnion("source", [
  z.object({ ...tableSource, columns: z.array(columnKey).min(1).max(TABLE_COLUMNS_MAX), rows }),
  z.object({ ...runsSource, rows }),
]);

export const WIDGET_CONFIGS = { number: NumberConfig, chart: ChartConfig, table: TableConfig } as const;

export type NumberWidgetConfig = z.infer<typeof NumberConfig>;
export type ChartWidgetConfig = z.infer<typeof ChartConfig>;
export type TableWidgetConfig = z.infer<typeof TableConfig>;
export type WidgetConfig = NumberWidgetConfig | ChartWidgetConfig | TableWidgetConfig;

/** A stored widget, its config checked against its kind; null when it no longer parses. */
export type ParsedWidget =
  | { kind: "number"; config: NumberWidgetConfig }
  | { kind: "chart"; config: ChartWidgetConfig }
  | { kind: "table"; config: TableWidgetConfig };

export function parseWidget(kind: string, config: unknown): ParsedWidget | null {
  if (kind === "number") {
    const parsed = NumberConfig.safeParse(config);
    return parsed.success ? { kind, config: parsed.data } : null;
  }
  if (kind === "chart") {
    const parsed = ChartConfig.safeParse(config);
    return parsed.success ? { kind, config: parsed.data } : null;
  }
  if (kind === "table") {
    const parsed = TableConfig.safeParse(config);
    return parsed.success ? { kind, config: parsed.data } : null;
  }
  return null;
}
