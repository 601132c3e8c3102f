// POST /api/v1/members/<id>/suspend: suspend the member in this tenant (the members page's action).
import { suspendMember } from "@/app/t/[slug]/members/actions/suspend-member";
import { apiTenantAction } from "@/lib/api/api-action";

type Context = { params: Promise<{ memberId: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { memberId } = await params;
  return apiTenantAction(request, suspendMember, { path: { memberId }, body: false, answer: ({ memberId }) => ({ memberId }) });
}
