import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { findDashboard, listWidgets } from "@/db/queries/dashboards";
import { WidgetView } from "@/components/dashboards/widget-view";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { WIDGET_KIND_LABELS } from "@/lib/dashboards/widget-config";
import { widgetData } from "@/lib/dashboards/widget-data";
import { widgetSourceTables } from "@/lib/dashboards/widget-sources";
import { isUuid } from "@/lib/ids";
import { can } from "@/lib/permissions";
import { AddWidgetForm } from "./add-widget-form";
import { DeleteDashboardButton } from "./delete-dashboard-button";
import { RenameDashboardForm } from "./rename-dashboard-form";
import { WidgetControls } from "./widget-controls";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ slug: string; dashboardId: string }> }) {
  const { slug, dashboardId } = await params;
  const actor = await requireActor(slug);
  // A malformed id, or one of another tenant, is not found (never a database error).
  if (!can(actor, "dashboards.read") || !isUuid(dashboardId)) notFound();
  const canManage = can(actor, "dashboards.manage");
  const found = await withActorTenant(actor, async (tx) => {
    const dashboard = await findDashboard(tx, dashboardId);
    if (!dashboard) return null;
    const widgets = await listWidgets(tx, dashboard.id);
    // One widget after another in the one transaction: each read is bounded (lib/dashboards/widget-data.ts).
    const shown = [];
    for (const widget of widgets) shown.push({ ...widget, data: await widgetData(tx, widget) });
    // The tables an Editor may pick as sources (none for a caller who may not read tables).
    const tables = await widgetSourceTables(tx, actor);
    return { dashboard, widgets: shown, tables };
  });
  if (!found) notFound();
  const { dashboard, widgets, tables } = found;

  return (
    <section>
      <p className="mb-2 text-sm">
        <Link href={`/t/${slug}/dashboards`} className="text-blue-800 hover:underline">
          ← Dashboards
        </Link>
      </p>
      <PageHeader title={dashboard.name} description={`${widgets.length} ${widgets.length === 1 ? "widget" : "widgets"}`}>
        {canManage && <DeleteDashboardButton slug={slug} dashboardId={dashboard.id} name={dashboard.name} />}
      </PageHeader>
      {canManage && (
        <div className="mb-6">
          <RenameDashboardForm slug={slug} dashboardId={dashboard.id} name={dashboard.name} />
        </div>
      )}
      {canManage && <AddWidgetForm slug={slug} dashboardId={dashboard.id} tables={tables} />}
      {widgets.length === 0 ? (
        <EmptyState title="No widgets yet">{canManage ? "Add a number, a chart by day or a table." : "Editors of this tenant can add them."}</EmptyState>
      ) : (
        <ol aria-label="Widgets" className="grid gap-4 md:grid-cols-2">
          {widgets.map((widget, index) => (
            <li key={widget.id}>
              <article aria-labelledby={`widget-${widget.id}`} className="h-full rounded-lg border border-slate-200 bg-white p-4">
                <h2 id={`widget-${widget.id}`} className="font-semibold">
                  {widget.title}
                </h2>
                <p className="mb-2 text-xs text-slate-500">{WIDGET_KIND_LABELS[widget.kind]}</p>
                <WidgetView title={widget.title} data={widget.data} />
                {canManage && <WidgetControls slug={slug} dashboardId={dashboard.id} widgetId={widget.id} title={widget.title} first={index === 0} last={index === widgets.length - 1} />}
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
