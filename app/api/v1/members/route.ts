// GET /api/v1/members: one page of the tenant's members, with the members page's filters, sort and
// paging (the same URL state: ?role=&status=&q=&sort=&dir=&page=&size=). POST: add a member (invite).
import { listMembers } from "@/db/queries/members";
import { addMember } from "@/app/t/[slug]/members/actions/add-member";
import { apiRead } from "@/lib/api/api-read";
import { apiTenantAction } from "@/lib/api/api-action";
import { membersUrlState, toMemberListQuery } from "@/lib/url-state/members";

export async function GET(request: Request): Promise<Response> {
  const query = toMemberListQuery(membersUrlState.parse(new URL(request.url).searchParams));
  return apiRead(request, "members.read", async (tx) => {
    const { rows, total, page } = await listMembers(tx, query);
    return { members: rows, total, page, size: query.size };
  });
}

export const POST = (request: Request) => apiTenantAction(request, addMember, { status: 201 });
