// GET /api/v1/tables: the tenant's data tables, with their columns. POST: create one
// ({ name, columns: [{ name, type }] }; the license's table limit applies).
import { listDataTables } from "@/db/queries/data-tables";
import { createDataTable } from "@/app/t/[slug]/tables/actions";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { tableAnswer } from "@/lib/api/v1/data-table-answers";

export async function GET(request: Request): Promise<Response> {
  return apiRead(request, "tables.read", async (tx) => ({ tables: (await listDataTables(tx)).map(tableAnswer) }));
}

export const POST = (request: Request) => apiTenantAction(request, createDataTable, { status: 201 });
