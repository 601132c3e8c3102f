// GET /api/v1/tables/<id>: one data table with its columns. PATCH: rename it ({ name }). DELETE:
// delete it and its rows.
import { findDataTable } from "@/db/queries/data-tables";
import { deleteDataTableAction, renameDataTableAction } from "@/app/t/[slug]/tables/actions";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { tableAnswer } from "@/lib/api/v1/data-table-answers";
import { isUuid } from "@/lib/ids";

type Context = { params: Promise<{ tableId: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { tableId } = await params;
  return apiRead(request, "tables.read", async (tx) => {
    const table = isUuid(tableId) ? await findDataTable(tx, tableId) : null;
    return table ? tableAnswer(table) : null;
  });
}

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { tableId } = await params;
  return apiTenantAction(request, renameDataTableAction, { path: { tableId } });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { tableId } = await params;
  return apiTenantAction(request, deleteDataTableAction, { path: { tableId }, body: false });
}
