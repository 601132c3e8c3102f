// GET /api/v1/credentials: the tenant's credentials, metadata only (never a value; the last 4
// characters only for roles that may use them, as on the page). POST: add one ({ name, value, description }).
import { listCredentials } from "@/db/queries/credentials";
import { addCredential } from "@/app/t/[slug]/credentials/actions";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { can } from "@/lib/permissions";

export async function GET(request: Request): Promise<Response> {
  return apiRead(request, "credentials.read", async (tx, caller) => {
    const showsTail = can(caller, "credentials.use");
    const rows = await listCredentials(tx);
    return { credentials: rows.map(({ valueLast4, ...row }) => ({ ...row, valueLast4: showsTail && valueLast4 ? valueLast4 : null })) };
  });
}

export const POST = (request: Request) => apiTenantAction(request, addCredential, { status: 201 });
