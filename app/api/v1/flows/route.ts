// GET /api/v1/flows: one page of the tenant's flows (the flows page's URL state: ?q=&sort=&dir=&page=&size=).
// POST: create a flow ({ name, steps }).
import { listFlows } from "@/db/queries/flows";
import { createFlow } from "@/app/t/[slug]/flows/actions";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { flowsUrlState } from "@/lib/url-state/flows";

export async function GET(request: Request): Promise<Response> {
  const state = flowsUrlState.parse(new URL(request.url).searchParams);
  return apiRead(request, "flows.read", async (tx) => {
    const { rows, total } = await listFlows(tx, { search: state.q, sort: state.sort, dir: state.dir, page: state.page, size: state.size });
    // A flow made from a workspace template is listed like any flow (the list's template columns are the flows page's).
    return { flows: rows.map(({ id, environment, name, steps, createdAt, updatedAt }) => ({ id, environment, name, steps, createdAt, updatedAt })), total, page: state.page, size: state.size };
  });
}

export const POST = (request: Request) => apiTenantAction(request, createFlow, { status: 201 });
