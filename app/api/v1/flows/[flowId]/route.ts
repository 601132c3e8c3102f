// GET /api/v1/flows/<id>: one flow. PATCH: rename it ({ name }). DELETE: delete it (and its runs).
import { findFlow } from "@/db/queries/flows";
import { deleteFlow, renameFlow } from "@/app/t/[slug]/flows/actions";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { isUuid } from "@/lib/ids";

type Context = { params: Promise<{ flowId: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { flowId } = await params;
  return apiRead(request, "flows.read", async (tx) => {
    const flow = isUuid(flowId) ? await findFlow(tx, flowId) : null;
    return flow ? { id: flow.id, name: flow.name, steps: flow.steps, createdAt: flow.createdAt, updatedAt: flow.updatedAt } : null;
  });
}

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { flowId } = await params;
  return apiTenantAction(request, renameFlow, { path: { flowId } });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { flowId } = await params;
  return apiTenantAction(request, deleteFlow, { path: { flowId }, body: false });
}
