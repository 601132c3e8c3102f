// PATCH /api/v1/members/<id>: change the member's roles. DELETE: remove the member. Both are the
// members page's actions, run as the API key (lib/api/api-action.ts).
import { changeMemberRoles } from "@/app/t/[slug]/members/actions/change-member-roles";
import { removeMember } from "@/app/t/[slug]/members/actions/remove-member";
import { apiTenantAction } from "@/lib/api/api-action";

type Context = { params: Promise<{ memberId: string }> };

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { memberId } = await params;
  return apiTenantAction(request, changeMemberRoles, { path: { memberId }, answer: ({ memberId, roles }) => ({ memberId, roles }) });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { memberId } = await params;
  return apiTenantAction(request, removeMember, { path: { memberId }, body: false, answer: ({ memberId }) => ({ memberId }) });
}
