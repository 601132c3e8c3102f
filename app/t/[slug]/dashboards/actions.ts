"use server";

// Dashboards: create, rename, delete a dashboard; add, move and remove its widgets (Editors and
// Admins: dashboards.manage). The tenant is the URL's; a dashboard, widget or table id from another
// tenant, or a malformed one, is simply not found. A widget's source is checked against the table's
// columns as they are now, and only for a caller who may read that table (tables.read): managing
// dashboards does not show a table's name or columns to someone who may not read them.
import { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import { deleteDashboard, deleteWidget, findDashboard, insertDashboard, insertWidget, listWidgets, renameDashboard, setWidgetPositions } from "@/db/queries/dashboards";
import { findDataTable } from "@/db/queries/data-tables";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId, type Actor } from "@/lib/caller";
import { withUniqueName } from "@/lib/actions/unique-name";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { DataIdInput } from "@/lib/data-tables/table-input";
import { isUuid } from "@/lib/ids";
import { nameInput } from "@/lib/name-input";
import { can } from "@/lib/permissions";
import { WIDGET_KIND_LABELS, WIDGETS_PER_DASHBOARD } from "@/lib/dashboards/widget-config";
import { AddWidgetInput, sourceTableId, TABLE_SOURCE_NEEDS_TABLES_READ_MESSAGE, widgetConfigOf } from "@/lib/dashboards/widget-input";

const DashboardNameInput = nameInput("dashboard");

// Locked for a widget change: widgets of one dashboard change one writer at a time, and the
// dashboard cannot be deleted under the change.
const requireDashboard = (tx: TenantTx, dashboardId: string, options?: { lock?: boolean }) => requireRow(dashboardId, (id) => findDashboard(tx, id, options));

const withUniqueDashboardName = <T,>(write: () => Promise<T>) =>
  withUniqueName("dashboards_tenant_name", "A dashboard with this name already exists in this tenant.", write);

function dashboardEntry(action: string, dashboard: { id: string }, summary: string, details: Record<string, unknown>) {
  return { action, targetType: "dashboard", targetId: dashboard.id, summary, details };
}

export const createDashboard = tenantAction({
  name: "dashboard.create",
  permission: "dashboards.manage",
  input: z.object({ name: DashboardNameInput }),
  async run({ tx, actor, input }) {
    const dashboard = await withUniqueDashboardName(() => insertDashboard(tx, { name: input.name, createdBy: actingUserId(actor) }));
    return {
      data: { id: dashboard.id, name: dashboard.name },
      activity: dashboardEntry("dashboard.created", dashboard, `${actor.user.email} created the dashboard ${dashboard.name}`, { name: dashboard.name }),
    };
  },
});

export const renameDashboardAction = tenantAction({
  name: "dashboard.rename",
  permission: "dashboards.manage",
  input: z.object({ dashboardId: DataIdInput, name: DashboardNameInput }),
  async run({ tx, actor, input }) {
    const dashboard = await requireDashboard(tx, input.dashboardId);
    if (dashboard.name === input.name) return { data: { id: dashboard.id, name: dashboard.name }, activity: null };
    const renamed = await withUniqueDashboardName(() => renameDashboard(tx, dashboard.id, input.name));
    if (!renamed) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return {
      data: { id: renamed.id, name: renamed.name },
      activity: dashboardEntry("dashboard.renamed", dashboard, `${actor.user.email} renamed the dashboard ${dashboard.name} to ${renamed.name}`, {
        from: dashboard.name,
        to: renamed.name,
      }),
    };
  },
});

export const deleteDashboardAction = tenantAction({
  name: "dashboard.delete",
  permission: "dashboards.manage",
  input: z.object({ dashboardId: DataIdInput }),
  async run({ tx, actor, input }) {
    const dashboard = await requireDashboard(tx, input.dashboardId, { lock: true });
    const widgetCount = await deleteDashboard(tx, dashboard.id);
    return {
      data: { id: dashboard.id },
      activity: dashboardEntry("dashboard.deleted", dashboard, `${actor.user.email} deleted the dashboard ${dashboard.name} (${widgetCount} widgets)`, {
        name: dashboard.name,
        widgetCount,
      }),
    };
  },
});

/**
 * The widget's table (null: flow runs); a source that names no table of this tenant is refused at the
 * field, and so is any table for a caller without tables.read (before the table is even looked up: the
 * answer is the same whether or not it exists).
 */
async function sourceTable(tx: TenantTx, actor: Actor, source: string) {
  const tableId = sourceTableId(source);
  if (tableId === null) return null;
  if (!can(actor, "tables.read")) throw new ActionError("FORBIDDEN", TABLE_SOURCE_NEEDS_TABLES_READ_MESSAGE, { source: [TABLE_SOURCE_NEEDS_TABLES_READ_MESSAGE] });
  const table = tableId !== undefined && isUuid(tableId) ? await findDataTable(tx, tableId) : null;
  if (!table) throw new ActionError("VALIDATION", "Please correct the highlighted fields.", { source: ["Choose flow runs or a table of this tenant."] });
  return table;
}

export const addWidget = tenantAction({
  name: "dashboard.widget_add",
  permission: "dashboards.manage",
  input: AddWidgetInput,
  async run({ tx, actor, input }) {
    const dashboard = await requireDashboard(tx, input.dashboardId, { lock: true });
    const table = await sourceTable(tx, actor, input.source);
    const built = widgetConfigOf(input.kind, input, table);
    if (!built.ok) throw new ActionError("VALIDATION", "Please correct the highlighted fields.", built.fieldErrors);
    const widgets = await listWidgets(tx, dashboard.id);
    if (widgets.length >= WIDGETS_PER_DASHBOARD) {
      throw new ActionError("CONFLICT", `A dashboard holds at most ${WIDGETS_PER_DASHBOARD} widgets. Remove one first.`);
    }
    const position = widgets.length === 0 ? 0 : widgets.at(-1)!.position + 1;
    const widget = await insertWidget(tx, { dashboardId: dashboard.id, position, kind: input.kind, title: input.title, config: built.config });
    const source = table ? `the table ${table.name}` : "flow runs";
    return {
      data: { id: widget.id, title: widget.title },
      message: `Added the widget ${widget.title}.`,
      activity: dashboardEntry(
        "dashboard.widget_added",
        dashboard,
        `${actor.user.email} added the ${WIDGET_KIND_LABELS[input.kind]} widget ${widget.title} (${source}) to the dashboard ${dashboard.name}`,
        { widgetId: widget.id, kind: widget.kind, title: widget.title, config: widget.config },
      ),
    };
  },
});

export const removeWidget = tenantAction({
  name: "dashboard.widget_remove",
  permission: "dashboards.manage",
  input: z.object({ dashboardId: DataIdInput, widgetId: DataIdInput }),
  async run({ tx, actor, input }) {
    const dashboard = await requireDashboard(tx, input.dashboardId, { lock: true });
    const widget = await requireRow(input.widgetId, (id) => deleteWidget(tx, dashboard.id, id));
    return {
      data: { id: widget.id },
      activity: dashboardEntry("dashboard.widget_removed", dashboard, `${actor.user.email} removed the widget ${widget.title} from the dashboard ${dashboard.name}`, {
        widgetId: widget.id,
        kind: widget.kind,
        title: widget.title,
      }),
    };
  },
});

export const moveWidget = tenantAction({
  name: "dashboard.widget_move",
  permission: "dashboards.manage",
  input: z.object({ dashboardId: DataIdInput, widgetId: DataIdInput, direction: z.enum(["up", "down"], { error: "Choose up or down." }) }),
  async run({ tx, actor, input }) {
    const dashboard = await requireDashboard(tx, input.dashboardId, { lock: true });
    const widgets = await listWidgets(tx, dashboard.id);
    const index = widgets.findIndex((widget) => widget.id === input.widgetId);
    if (index === -1) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const other = input.direction === "up" ? index - 1 : index + 1;
    const widget = widgets[index]!;
    // Already first (or last): nothing moves, nothing is logged.
    if (other < 0 || other >= widgets.length) return { data: { id: widget.id, position: index }, activity: null };
    // The two swap places; the rest are numbered 0, 1, 2, … too when removals left gaps.
    const order = [...widgets];
    [order[index], order[other]] = [order[other]!, order[index]!];
    await setWidgetPositions(tx, dashboard.id, order.flatMap((w, position) => (w.position === position ? [] : [{ id: w.id, position }])));
    return {
      data: { id: widget.id, position: other },
      activity: dashboardEntry(
        "dashboard.widget_moved",
        dashboard,
        `${actor.user.email} moved the widget ${widget.title} ${input.direction} on the dashboard ${dashboard.name}`,
        { widgetId: widget.id, title: widget.title, from: index + 1, to: other + 1 },
      ),
    };
  },
});
