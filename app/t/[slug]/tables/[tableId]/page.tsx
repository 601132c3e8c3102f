import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { findDataTable, listRows } from "@/db/queries/data-tables";
import { Pagination } from "@/components/data-table/pagination";
import { TableUrlState } from "@/components/data-table/table-url-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { isUuid } from "@/lib/ids";
import { can } from "@/lib/permissions";
import { dataTableRowsUrlState } from "@/lib/url-state/data-table-rows";
import type { SearchParams } from "@/lib/url-state/search-params";
import { AddRowForm } from "./add-row-form";
import { DeleteTableButton } from "./delete-table-button";
import { RenameTableForm } from "./rename-table-form";
import { RowsTable } from "./rows-table";

export const metadata: Metadata = { title: "Table" };

export default async function DataTablePage({ params, searchParams }: { params: Promise<{ slug: string; tableId: string }>; searchParams: Promise<SearchParams> }) {
  const { slug, tableId } = await params;
  const actor = await requireActor(slug);
  // A malformed id, or one of another tenant, is not found (never a database error).
  if (!isUuid(tableId)) notFound();
  const state = dataTableRowsUrlState.parse(await searchParams);
  const found = await withActorTenant(actor, async (tx) => {
    const table = await findDataTable(tx, tableId);
    if (!table) return null;
    // "c<i>" names the column at position i; a position the table does not have sorts by when added.
    const sortColumn = state.sort === "added" ? null : (table.columns[Number(state.sort.slice(1))] ?? null);
    return { table, list: await listRows(tx, table.id, { sortColumn, dir: state.dir, page: state.page, size: state.size }) };
  });
  if (!found) notFound();
  const { table, list } = found;
  const canWrite = can(actor, "tables.write");
  const rows = list.rows.map((row) => ({ id: row.id, values: row.values, added: formatDateTime(row.createdAt) }));

  return (
    <TableUrlState table="dataTableRows">
      <section>
        <p className="mb-2 text-sm">
          <Link href={`/t/${slug}/tables`} className="text-blue-800 hover:underline">
            ← Tables
          </Link>
        </p>
        <PageHeader title={table.name} description={`${list.total} rows`}>
          {canWrite && <DeleteTableButton slug={slug} tableId={table.id} name={table.name} />}
        </PageHeader>
        {canWrite && (
          <div className="mb-6">
            <RenameTableForm slug={slug} tableId={table.id} name={table.name} />
          </div>
        )}
        {canWrite && <AddRowForm slug={slug} tableId={table.id} columns={table.columns} />}
        <RowsTable slug={slug} tableId={table.id} name={table.name} columns={table.columns} rows={rows} canWrite={canWrite} />
        <Pagination page={state.page} pageSize={state.size} total={list.total} />
      </section>
    </TableUrlState>
  );
}
