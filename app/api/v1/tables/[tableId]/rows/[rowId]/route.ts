// GET /api/v1/tables/<id>/rows/<row id>: one row. PATCH: replace its values ({ "c0": value, … }, as
// the edit form: a field left out is emptied). DELETE: delete it.
import { findDataTable, findRow } from "@/db/queries/data-tables";
import { deleteRow, editRow } from "@/app/t/[slug]/tables/actions";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { rowAnswer } from "@/lib/api/v1/data-table-answers";
import { isUuid } from "@/lib/ids";

type Context = { params: Promise<{ tableId: string; rowId: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { tableId, rowId } = await params;
  return apiRead(request, "tables.read", async (tx) => {
    const table = isUuid(tableId) && isUuid(rowId) ? await findDataTable(tx, tableId) : null;
    const row = table && (await findRow(tx, table.id, rowId));
    return row ? rowAnswer(table)(row) : null;
  });
}

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { tableId, rowId } = await params;
  return apiTenantAction(request, editRow, { path: { tableId, rowId } });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { tableId, rowId } = await params;
  return apiTenantAction(request, deleteRow, { path: { tableId, rowId }, body: false });
}
