// A tenant data file's dashboards (version 4), merged by name like tables: a dashboard the tenant lacks
// is created with its widgets in the file's order; one whose name the tenant has is left as it is. A
// widget names its data table by name (tables get new ids on import), so its config gets the id the
// table has here: the one the import created, or the tenant's table of that name that the import kept.
// A widget whose table had been deleted before the export keeps reading "source removed". A widget names
// its table's columns by value key, as the file's table record does (lib/dashboards/widget-config.ts);
// files written before widgets did named them by label, and each such label becomes the key of the
// file's column of that label (a reference that is already a column's key stays as it is).
import "server-only";
import { insertDashboard, insertWidget } from "@/db/queries/dashboards";
import type { TenantTx } from "@/db/scopes";
import { parseWidget, type WidgetKind } from "../dashboards/widget-config";
import { valueKeyOf } from "../data-tables/column-rules";
import { AddWidgetInput } from "../dashboards/widget-input";
import { nameInput } from "../name-input";
import type { RecordOf } from "./format";
import type { KindOutcome } from "./import-plan";
import { checked, refuseFile } from "./refuse-file";

/** The table id of a widget whose table is gone: no table has it, so the widget says its source was removed. */
export const REMOVED_TABLE_ID = "00000000-0000-0000-0000-000000000000";

const DashboardName = nameInput("dashboard");

/** The widget as the file carries it: its table by name, its config without the table's id. */
export function widgetForFile(widget: { kind: RecordOf<"dashboard">["widgets"][number]["kind"]; title: string; config: object }, tableNames: Map<string, string>) {
  const { tableId, ...config } = widget.config as { tableId?: string };
  return { kind: widget.kind, title: widget.title, table: tableId === undefined ? null : (tableNames.get(tableId) ?? null), config };
}

type FileColumns = RecordOf<"table">["columns"];

/** The widget's config with each column named by key (see above): the file's table's columns decide. */
function columnsByKey(kind: WidgetKind, config: Record<string, unknown>, columns: FileColumns): Record<string, unknown> {
  const keyOf = (reference: unknown, type?: string) => {
    if (typeof reference !== "string" || columns.some((column) => valueKeyOf(column) === reference)) return reference;
    const labelled = columns.find((column) => column.name === reference && (!type || column.type === type));
    return labelled ? valueKeyOf(labelled) : reference;
  };
  if (kind === "number" && config.column !== undefined) return { ...config, column: keyOf(config.column, "number") };
  if (kind === "chart" && config.dateColumn != null) return { ...config, dateColumn: keyOf(config.dateColumn, "date") };
  if (kind === "table" && Array.isArray(config.columns)) return { ...config, columns: config.columns.map((reference) => keyOf(reference)) };
  return config;
}

export async function importDashboards(
  tx: TenantTx,
  file: { dashboards: RecordOf<"dashboard">[]; tables: Map<string, FileColumns> },
  target: { dashboardNames: string[]; tableIds: Map<string, string> },
  createdBy: string | null,
  outcome: KindOutcome,
): Promise<void> {
  const taken = new Set(target.dashboardNames.map((name) => name.toLowerCase()));
  for (const record of file.dashboards) {
    const name = checked(DashboardName, record.name, "a dashboard name");
    const widgets = record.widgets.map((widget) => {
      const title = checked(AddWidgetInput.shape.title, widget.title, `a widget title of the dashboard ${name}`);
      const columns =
        (widget.table === null ? [] : file.tables.get(widget.table)) ??
        refuseFile(`A widget of the dashboard ${name} reads a table the file does not describe. Nothing was imported.`);
      const tableId = widget.table === null ? REMOVED_TABLE_ID : target.tableIds.get(widget.table.toLowerCase());
      const parsed = parseWidget(widget.kind, widget.config.source === "table" ? { ...columnsByKey(widget.kind, widget.config, columns), tableId } : widget.config);
      return parsed ? { ...parsed, title } : refuseFile(`The file holds a widget of the dashboard ${name} this console would not accept. Nothing was imported.`);
    });
    if (taken.has(name.toLowerCase())) {
      outcome.skipped.push({ name, reason: `a dashboard with this name exists; its widgets were left as they are (${widgets.length} in the file)` });
      continue;
    }
    const dashboard = await insertDashboard(tx, { name, createdBy });
    taken.add(name.toLowerCase());
    for (const [position, widget] of widgets.entries()) await insertWidget(tx, { dashboardId: dashboard.id, position, ...widget });
    outcome.created.push(name);
  }
}
