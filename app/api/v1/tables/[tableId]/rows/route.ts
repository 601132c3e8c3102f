// GET /api/v1/tables/<id>/rows: one page of the table's rows with the grid's own URL state
// (?sort=&dir=&fc=&fv=&q=&size=&cursor=; size one of the grid's page sizes, so at most 100), keyset
// paged: `next` / `previous` are the cursors of the pages around it. A filter value its column cannot
// hold is a 422 naming `fv`. POST: add a row ({ "c0": value, … }: the table's `field` per column;
// the license's row limit applies).
import { findDataTable } from "@/db/queries/data-tables";
import { listRows } from "@/db/queries/data-table-row-page";
import { addRow } from "@/app/t/[slug]/tables/actions";
import { ActionError } from "@/lib/actions/core";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { rowAnswer } from "@/lib/api/v1/data-table-answers";
import { encodeCursor, toRowListQuery } from "@/lib/data-tables/row-page-query";
import { isUuid } from "@/lib/ids";
import { dataTableRowsUrlState } from "@/lib/url-state/data-table-rows";

type Context = { params: Promise<{ tableId: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { tableId } = await params;
  const state = dataTableRowsUrlState.parse(new URL(request.url).searchParams);
  return apiRead(request, "tables.read", async (tx) => {
    const table = isUuid(tableId) ? await findDataTable(tx, tableId) : null;
    if (!table) return null;
    const { query, filterProblem } = toRowListQuery(table.columns, state);
    if (filterProblem) throw new ActionError("VALIDATION", "Please correct the highlighted fields.", { fv: [filterProblem] });
    const page = await listRows(tx, table.id, query);
    return {
      rows: page.rows.map(rowAnswer(table)),
      total: table.rowCount,
      size: state.size,
      previous: page.previous && encodeCursor(page.previous),
      next: page.next && encodeCursor(page.next),
    };
  });
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { tableId } = await params;
  return apiTenantAction(request, addRow, { path: { tableId }, status: 201 });
}
