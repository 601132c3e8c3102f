// What each widget of a dashboard shows, computed in the tenant's scope. A widget's data is read for
// whoever may read dashboards (dashboards.read), without tables.read or flows.read: that is the
// agency-client pattern (clients see the figures, not the raw tables or flows). So it reads only what
// its own config names, inside the tenant's scope. A source that is gone (a deleted table, a column
// no longer in it or no longer of the type the widget needs, a config that no longer parses) answers
// "removed", which the page shows as such instead of an error.
import "server-only";
import type { TenantTx } from "@/db/scopes";
import type { DataColumn, DataColumnType, DataRowValues } from "@/db/schema";
import type { WidgetRow } from "@/db/queries/dashboards";
import { findDataTable } from "@/db/queries/data-tables";
import { AGGREGATE_ROWS_MAX, aggregateColumn, countFlowRuns, firstRows, latestRuns, rowsPerDayAdded, rowsPerDayOfColumn, runsPerDay, type DayCounts } from "@/db/queries/widget-data";
import { columnPhrase, columnProblem, liveColumnOf } from "./widget-columns";
import { parseWidget, type ChartWidgetConfig, type NumberWidgetConfig, type TableWidgetConfig } from "./widget-config";

export type WidgetData =
  | { state: "removed"; reason: string }
  | { state: "number"; value: number | null; note?: string }
  | { state: "chart"; days: { day: string; count: number }[] }
  | { state: "table"; columns: string[]; rows: { id: string; cells: string[] }[] };

const removed = (reason: string): WidgetData => ({ state: "removed", reason });
const TABLE_REMOVED = removed("Source removed: the table this widget reads was deleted.");

/**
 * Why a widget cannot read the column under `key` (its value key, the widget's reference: it stays when
 * a template table's column is relabelled), naming the column by the label the tenant sees.
 */
function columnRemoved(columns: readonly DataColumn[], key: string, type?: DataColumnType): WidgetData {
  const found = columnProblem(columns, key, type) ?? { problem: "gone", label: null };
  const column = columnPhrase(found);
  if (found.problem === "removed") return removed(`Source removed: ${column} was removed from its table's template.`);
  if (found.problem === "type" && type) return removed(`Source removed: ${column} is no longer a ${type} column of its table.`);
  return removed(`Source removed: ${column} is no longer in its table.`);
}

export async function widgetData(tx: TenantTx, widget: Pick<WidgetRow, "kind" | "config">, now = new Date()): Promise<WidgetData> {
  const parsed = parseWidget(widget.kind, widget.config);
  if (!parsed) return removed("Source removed: this widget's settings no longer fit its kind.");
  if (parsed.kind === "number") return numberData(tx, parsed.config);
  if (parsed.kind === "chart") return chartData(tx, parsed.config, now);
  return tableData(tx, parsed.config);
}

async function numberData(tx: TenantTx, config: NumberWidgetConfig): Promise<WidgetData> {
  if (config.source === "flow_runs") return { state: "number", value: await countFlowRuns(tx, config.status === "any" ? null : config.status) };
  const table = await findDataTable(tx, config.tableId);
  if (!table) return TABLE_REMOVED;
  // The count the table's writes keep: no scan of a table that may hold a million rows.
  if (config.measure === "count") return { state: "number", value: table.rowCount };
  if (!liveColumnOf(table.columns, config.column, "number")) return columnRemoved(table.columns, config.column, "number");
  const value = await aggregateColumn(tx, table.id, config.column, config.measure);
  const note = table.rowCount > AGGREGATE_ROWS_MAX ? `Of the first ${AGGREGATE_ROWS_MAX.toLocaleString("en")} rows.` : undefined;
  return { state: "number", value, note };
}

/** The UTC days of the last `days` days, today last, as YYYY-MM-DD. */
export function lastDays(days: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, index) => new Date(today - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10));
}

async function chartData(tx: TenantTx, config: ChartWidgetConfig, now: Date): Promise<WidgetData> {
  const days = lastDays(config.days, now);
  const since = new Date(`${days[0]}T00:00:00.000Z`);
  let counts: DayCounts;
  if (config.source === "flow_runs") {
    counts = await runsPerDay(tx, since);
  } else {
    const table = await findDataTable(tx, config.tableId);
    if (!table) return TABLE_REMOVED;
    if (config.dateColumn === null) {
      counts = await rowsPerDayAdded(tx, table.id, since);
    } else {
      const found = liveColumnOf(table.columns, config.dateColumn, "date");
      if (!found) return columnRemoved(table.columns, config.dateColumn, "date");
      counts = await rowsPerDayOfColumn(tx, table.id, found.position, days[0]!, days.at(-1)!);
    }
  }
  return { state: "chart", days: days.map((day) => ({ day, count: counts.get(day) ?? 0 })) };
}

function cellText(value: DataRowValues[string] | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

async function tableData(tx: TenantTx, config: TableWidgetConfig): Promise<WidgetData> {
  if (config.source === "flow_runs") {
    const runs = await latestRuns(tx, config.rows);
    return {
      state: "table",
      columns: ["Flow", "Status", "Started (UTC)", "Duration"],
      rows: runs.map((run) => ({
        id: run.id,
        cells: [run.flowName, run.status, run.startedAt.toISOString().slice(0, 19).replace("T", " "), run.durationMs === null ? "" : `${run.durationMs} ms`],
      })),
    };
  }
  const table = await findDataTable(tx, config.tableId);
  if (!table) return TABLE_REMOVED;
  const missing = config.columns.find((key) => !liveColumnOf(table.columns, key));
  if (missing) return columnRemoved(table.columns, missing);
  // Headed by the columns' labels as they are now (a relabelled column shows its new label).
  const labels = config.columns.map((key) => liveColumnOf(table.columns, key)!.column.name);
  const rows = await firstRows(tx, table.id, config.rows);
  return { state: "table", columns: labels, rows: rows.map((row) => ({ id: row.id, cells: config.columns.map((key) => cellText(row.values[key])) })) };
}
