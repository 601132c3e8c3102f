// Dashboards and their widgets (withTenant scope). Row-level security limits every statement to the
// scope's tenant; the explicit tenant filters are the second wall and what the indexes lead with.
import { and, asc, eq, sql } from "drizzle-orm";
import { dashboards, dashboardWidgets } from "../schema";
import type { TenantTx } from "../scopes";
import type { WidgetConfig, WidgetKind } from "@/lib/dashboards/widget-config";

const dashboardColumns = { id: dashboards.id, name: dashboards.name, createdAt: dashboards.createdAt };
const widgetColumns = {
  id: dashboardWidgets.id,
  dashboardId: dashboardWidgets.dashboardId,
  position: dashboardWidgets.position,
  kind: dashboardWidgets.kind,
  title: dashboardWidgets.title,
  config: dashboardWidgets.config,
};

export type DashboardView = { id: string; name: string; createdAt: Date };
export type WidgetRow = { id: string; dashboardId: string; position: number; kind: WidgetKind; title: string; config: WidgetConfig };

const dashboardById = (tx: TenantTx, id: string) => and(eq(dashboards.tenantId, tx.tenantId), eq(dashboards.id, id));

export function listDashboards(tx: TenantTx): Promise<DashboardView[]> {
  return tx.select(dashboardColumns).from(dashboards).where(eq(dashboards.tenantId, tx.tenantId)).orderBy(sql`lower(${dashboards.name})`, asc(dashboards.id));
}

/**
 * One dashboard; `lock` holds it until commit, so its widgets change one writer at a time (positions
 * stay a sequence, the widget cap holds) and it cannot be deleted under a widget being added.
 */
export async function findDashboard(tx: TenantTx, id: string, options: { lock?: boolean } = {}): Promise<DashboardView | null> {
  const query = tx.select(dashboardColumns).from(dashboards).where(dashboardById(tx, id));
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function insertDashboard(tx: TenantTx, dashboard: { name: string; createdBy: string | null }): Promise<DashboardView> {
  const [row] = await tx.insert(dashboards).values({ ...dashboard, tenantId: tx.tenantId }).returning(dashboardColumns);
  return row!;
}

export async function renameDashboard(tx: TenantTx, id: string, name: string): Promise<DashboardView | null> {
  const [row] = await tx.update(dashboards).set({ name }).where(dashboardById(tx, id)).returning(dashboardColumns);
  return row ?? null;
}

/** Deletes the dashboard and (the foreign key's cascade) its widgets; answers how many widgets went. */
export async function deleteDashboard(tx: TenantTx, id: string): Promise<number> {
  const widgets = await listWidgets(tx, id);
  await tx.delete(dashboards).where(dashboardById(tx, id));
  return widgets.length;
}

/** A dashboard's widgets in their order (at most WIDGETS_PER_DASHBOARD: the add action holds the cap). */
export function listWidgets(tx: TenantTx, dashboardId: string): Promise<WidgetRow[]> {
  return tx
    .select(widgetColumns)
    .from(dashboardWidgets)
    .where(and(eq(dashboardWidgets.tenantId, tx.tenantId), eq(dashboardWidgets.dashboardId, dashboardId)))
    .orderBy(asc(dashboardWidgets.position), asc(dashboardWidgets.id));
}

export async function insertWidget(tx: TenantTx, widget: { dashboardId: string; position: number; kind: WidgetKind; title: string; config: WidgetConfig }): Promise<WidgetRow> {
  const [row] = await tx.insert(dashboardWidgets).values({ ...widget, tenantId: tx.tenantId }).returning(widgetColumns);
  return row!;
}

export async function deleteWidget(tx: TenantTx, dashboardId: string, widgetId: string): Promise<WidgetRow | null> {
  const [row] = await tx
    .delete(dashboardWidgets)
    .where(and(eq(dashboardWidgets.tenantId, tx.tenantId), eq(dashboardWidgets.dashboardId, dashboardId), eq(dashboardWidgets.id, widgetId)))
    .returning(widgetColumns);
  return row ?? null;
}

/** Moves each named widget of the dashboard to its new position. */
export async function setWidgetPositions(tx: TenantTx, dashboardId: string, moves: readonly { id: string; position: number }[]) {
  for (const { id, position } of moves) {
    await tx
      .update(dashboardWidgets)
      .set({ position })
      .where(and(eq(dashboardWidgets.tenantId, tx.tenantId), eq(dashboardWidgets.dashboardId, dashboardId), eq(dashboardWidgets.id, id)));
  }
}
