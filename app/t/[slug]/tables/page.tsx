import type { Metadata } from "next";
import Link from "next/link";
import { withActorTenant } from "@/db/scopes";
import { listDataTables } from "@/db/queries/data-tables";
import { listTableTemplates, usedTableTemplateIds } from "@/db/queries/table-templates";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActorWith } from "@/lib/actor";
import { COLUMN_TYPE_LABELS } from "@/lib/data-tables/column-rules";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/permissions";
import { CreateTableForm } from "./create-table-form";
import { TableTemplatesSection } from "./templates/table-templates-section";

export const metadata: Metadata = { title: "Tables" };

export default async function TablesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActorWith(slug, "tables.read");
  const { tables, templates, used } = await withActorTenant(actor, async (tx) => ({ tables: await listDataTables(tx), templates: await listTableTemplates(tx), used: await usedTableTemplateIds(tx) }));
  const canWrite = can(actor, "tables.write");
  return (
    <section>
      <PageHeader title="Tables" description="Your tenant's own data, in tables with typed columns." />
      {canWrite && <CreateTableForm slug={slug} />}
      {tables.length === 0 ? (
        <EmptyState title="No tables yet" />
      ) : (
        <ul aria-label="Tables" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {tables.map((table) => (
            <li key={table.id} className="flex flex-wrap items-baseline gap-x-4 px-4 py-3 text-sm">
              <Link href={`/t/${slug}/tables/${table.id}`} className="font-medium text-blue-800 hover:underline">
                {table.name}
              </Link>
              {table.template && <span className="text-slate-600">{`from the template ${table.template.templateName}`}</span>}
              <span className="text-slate-600">{table.columns.map((column) => `${column.name} (${COLUMN_TYPE_LABELS[column.type]})`).join(", ")}</span>
              <span className="ml-auto text-slate-500">Created {formatDateTime(table.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <TableTemplatesSection slug={slug} templates={templates} used={used} canWrite={canWrite} />
    </section>
  );
}
