// GET /api/v1/connections: the tenant's connections (settings and status, never a secret). POST:
// create one ({ name, connector, ...the connector's fields }).
import { listConnections } from "@/db/queries/connections";
import { createConnection } from "@/app/t/[slug]/connections/actions";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";

export async function GET(request: Request): Promise<Response> {
  return apiRead(request, "connections.read", async (tx) => ({ connections: await listConnections(tx) }));
}

export const POST = (request: Request) => apiTenantAction(request, createConnection, { status: 201 });
