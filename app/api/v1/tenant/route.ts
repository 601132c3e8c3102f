// GET /api/v1/tenant: the tenant of the bearer API key, as JSON (every role may read it).
import { withTenant } from "@/db/scopes";
import { getTenantSettings } from "@/db/queries/tenants";
import { authorizeApiRequest, withRateLimitHeaders } from "@/lib/api/api-caller";
import { problem } from "@/lib/api/problem";

export async function GET(request: Request): Promise<Response> {
  const caller = await authorizeApiRequest(request, "tenant.read");
  if (caller instanceof Response) return caller;
  const tenant = await withTenant({ tenantId: caller.tenantId, userId: null }, (tx) => getTenantSettings(tx));
  // The key's row goes with its tenant (ON DELETE CASCADE), so this is only a race with the deletion.
  if (!tenant) return problem(404, "Not Found", "The API key's tenant no longer exists.");
  return withRateLimitHeaders(caller, Response.json(tenant, { headers: { "cache-control": "no-store" } }));
}
