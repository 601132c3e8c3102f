// The members table's state, read from the URL by its shared definition (lib/url-state/members.ts,
// which the table's controls write through too). Anything unknown falls back to the default view.
import type { SearchParams } from "@/lib/url-state/search-params";
import type { MemberListQuery } from "@/db/queries/members";
import { membersUrlState, toMemberListQuery } from "@/lib/url-state/members";

export { ROLE_OPTIONS, STATUS_OPTIONS } from "./members-table-options";

export function parseMembersTableState(params: SearchParams): MemberListQuery {
  return toMemberListQuery(membersUrlState.parse(params));
}
