// GET /api/v1/connections/<id>: one connection (never its secrets). PATCH: edit it ({ name, ...the
// connector's fields }; an absent secret keeps the stored one). DELETE: delete it.
import { findConnection } from "@/db/queries/connections";
import { deleteConnection, updateConnectionAction } from "@/app/t/[slug]/connections/actions";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { isUuid } from "@/lib/ids";

type Context = { params: Promise<{ connectionId: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { connectionId } = await params;
  return apiRead(request, "connections.read", async (tx) => (isUuid(connectionId) ? await findConnection(tx, connectionId) : null));
}

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { connectionId } = await params;
  return apiTenantAction(request, updateConnectionAction, { path: { connectionId } });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { connectionId } = await params;
  return apiTenantAction(request, deleteConnection, { path: { connectionId }, body: false });
}
