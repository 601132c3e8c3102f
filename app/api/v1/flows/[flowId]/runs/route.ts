// GET /api/v1/flows/<id>/runs: the flow's runs, newest first, a page at a time (?after=<next> from the
// previous page: keyset paging, like the flow's page). POST: run the flow now.
import { findFlow, listRunsOfFlow } from "@/db/queries/flows";
import { runFlow } from "@/app/t/[slug]/flows/actions";
import { decodeRunCursor, encodeRunCursor } from "@/app/t/[slug]/flows/[flowId]/run-cursor";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { isUuid } from "@/lib/ids";

type Context = { params: Promise<{ flowId: string }> };

const RUNS_PER_PAGE = 20;

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { flowId } = await params;
  const after = decodeRunCursor(new URL(request.url).searchParams.get("after") ?? undefined);
  return apiRead(request, "flows.read", async (tx) => {
    const flow = isUuid(flowId) ? await findFlow(tx, flowId) : null;
    if (!flow) return null;
    const { runs, next } = await listRunsOfFlow(tx, flow.id, { after, limit: RUNS_PER_PAGE });
    return {
      runs: runs.map(({ id, status, log, durationMs, startedAt, triggeredByEmail }) => ({ id, status, log, durationMs, startedAt, triggeredByEmail })),
      next: next ? encodeRunCursor(next) : null,
    };
  });
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { flowId } = await params;
  return apiTenantAction(request, runFlow, { path: { flowId }, body: false, status: 201 });
}
