import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { listDashboards } from "@/db/queries/dashboards";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/permissions";
import { CreateDashboardForm } from "./create-dashboard-form";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "dashboards.read")) notFound();
  const dashboards = await withActorTenant(actor, (tx) => listDashboards(tx));
  const canManage = can(actor, "dashboards.manage");
  return (
    <section>
      <PageHeader title="Dashboards" description="Figures, charts and tables over your tenant's data tables and flow runs." />
      {canManage && <CreateDashboardForm slug={slug} />}
      {dashboards.length === 0 ? (
        <EmptyState title="No dashboards yet">{canManage ? "Name one above to start adding widgets." : "Editors of this tenant can build them."}</EmptyState>
      ) : (
        <ul aria-label="Dashboards" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {dashboards.map((dashboard) => (
            <li key={dashboard.id} className="flex flex-wrap items-baseline gap-x-4 px-4 py-3 text-sm">
              <Link href={`/t/${slug}/dashboards/${dashboard.id}`} className="font-medium text-blue-800 hover:underline">
                {dashboard.name}
              </Link>
              <span className="ml-auto text-slate-500">Created {formatDateTime(dashboard.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
