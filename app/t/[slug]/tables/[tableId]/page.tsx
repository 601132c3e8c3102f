import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { findDataTable } from "@/db/queries/data-tables";
import { listRows } from "@/db/queries/data-table-row-page";
import { KeysetPagination } from "@/components/data-table/keyset-pagination";
import { ParamInput } from "@/components/data-table/param-input";
import { SearchInput } from "@/components/data-table/search-input";
import { SelectFilter } from "@/components/data-table/select-filter";
import { TableUrlState } from "@/components/data-table/table-url-state";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActorWith } from "@/lib/actor";
import { encodeCursor, toRowListQuery } from "@/lib/data-tables/row-page-query";
import { valueField } from "@/lib/data-tables/row-values";
import { formatDateTime } from "@/lib/format";
import { isUuid } from "@/lib/ids";
import { can } from "@/lib/permissions";
import { dataTableRowsUrlState } from "@/lib/url-state/data-table-rows";
import type { SearchParams } from "@/lib/url-state/search-params";
import { AddRowForm } from "./add-row-form";
import { DeleteTableButton } from "./delete-table-button";
import { ImportCsvForm } from "./import-csv-form";
import { RenameTableForm } from "./rename-table-form";
import { RowsTable } from "./rows-table";
import { TemplateSection } from "./template-section";

export const metadata: Metadata = { title: "Table" };

const PAGING_LABELS = { first: "First page", newer: "Previous", older: "Next", order: "" };

export default async function DataTablePage({ params, searchParams }: { params: Promise<{ slug: string; tableId: string }>; searchParams: Promise<SearchParams> }) {
  const { slug, tableId } = await params;
  const actor = await requireActorWith(slug, "tables.read");
  // A malformed id, or one of another tenant, is not found (never a database error).
  if (!isUuid(tableId)) notFound();
  const state = dataTableRowsUrlState.parse(await searchParams);
  const found = await withActorTenant(actor, async (tx) => {
    const table = await findDataTable(tx, tableId);
    if (!table) return null;
    const { query, filterProblem } = toRowListQuery(table.columns, state);
    // A filter value its column cannot hold matches no row (and says why under the field).
    const list = filterProblem ? { rows: [], previous: null, next: null } : await listRows(tx, table.id, query);
    return { table, list, filterProblem };
  });
  if (!found) notFound();
  const { table, list, filterProblem } = found;
  const canWrite = can(actor, "tables.write");
  const rows = list.rows.map((row) => ({ id: row.id, values: row.values, added: formatDateTime(row.createdAt) }));
  const filterColumns = table.columns.map((column, index) => ({ value: valueField(index), label: column.name }));

  return (
    <TableUrlState table="dataTableRows">
      <section>
        <p className="mb-2 text-sm">
          <Link href={`/t/${slug}/tables`} className="text-blue-800 hover:underline">
            ← Tables
          </Link>
        </p>
        <PageHeader title={table.name} description={`${table.rowCount} ${table.rowCount === 1 ? "row" : "rows"}`}>
          {/* A plain form POST: the browser downloads the streamed file itself. */}
          <form method="post" action={`/t/${slug}/tables/${table.id}/export`}>
            <Button type="submit" variant="secondary">
              Export CSV
            </Button>
          </form>
          {canWrite && <DeleteTableButton slug={slug} tableId={table.id} name={table.name} />}
        </PageHeader>
        {table.template ? (
          <TemplateSection slug={slug} tableId={table.id} templateName={table.template.templateName} effective={table.template.effective} canWrite={canWrite} />
        ) : (
          canWrite && (
            <div className="mb-6">
              <RenameTableForm slug={slug} tableId={table.id} name={table.name} />
            </div>
          )
        )}
        {canWrite && <AddRowForm slug={slug} tableId={table.id} columns={table.columns} />}
        {canWrite && (
          <div className="mt-6">
            <ImportCsvForm importPath={`/t/${slug}/tables/${table.id}/import`} />
          </div>
        )}
        <div className="mb-3 mt-6 flex flex-wrap items-end gap-3">
          <SearchInput label="Search rows" param="q" hint="Matches words and word starts in text values." />
          <SelectFilter label="Filter column" param="fc" options={filterColumns} allLabel="No filter" />
          <div>
            <ParamInput label="Filter value" param="fv" type="search" value={state.fv ?? ""} settleMs={300} className="w-44" />
            {filterProblem && (
              <p role="alert" className="mt-1 text-sm text-red-700">
                {filterProblem}
              </p>
            )}
          </div>
        </div>
        <RowsTable slug={slug} tableId={table.id} name={table.name} columns={table.columns} rows={rows} canWrite={canWrite} />
        <KeysetPagination
          newerCursor={list.previous ? encodeCursor(list.previous) : null}
          olderCursor={list.next ? encodeCursor(list.next) : null}
          pageSize={state.size}
          shown={rows.length}
          labels={PAGING_LABELS}
        />
      </section>
    </TableUrlState>
  );
}
