// POST /api/v1/connections/<id>/test: "Test connection" (really calls the target; a failure sets the
// status to failing and answers why).
import { testConnectionAction } from "@/app/t/[slug]/connections/actions";
import { apiTenantAction } from "@/lib/api/api-action";

type Context = { params: Promise<{ connectionId: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { connectionId } = await params;
  return apiTenantAction(request, testConnectionAction, { path: { connectionId }, body: false });
}
