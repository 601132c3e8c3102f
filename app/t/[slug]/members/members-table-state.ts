// The members table's state, read from the URL with the shared parsers: which columns may sort, and
// the role, status and search filters. Anything unknown falls back to the default view.
import { z } from "zod";
import { single, tableStateSchema, textFilter, type SearchParams } from "@/components/data-table/table-state";
import type { MemberListQuery } from "@/db/queries/members";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { MEMBER_SORTABLE } from "./members-table-options";

// The constants the table's client components use live apart from the zod parsers below, so those
// components do not bring zod into the browser.
export { MEMBER_SORTABLE, MEMBERS_NOTICE_ID, ROLE_OPTIONS, STATUS_OPTIONS } from "./members-table-options";

const membersTableState = tableStateSchema({ sortable: MEMBER_SORTABLE, defaultSort: "joined", defaultDir: "desc" }).extend({
  role: z.enum(MEMBER_ROLES).optional().catch(undefined),
  status: z.enum(["active", "invited", "suspended"]).optional().catch(undefined),
  q: textFilter(100),
});

export function parseMembersTableState(params: SearchParams): MemberListQuery {
  const state = membersTableState.parse({
    page: single(params.page),
    size: single(params.size),
    sort: single(params.sort),
    dir: single(params.dir),
    role: single(params.role),
    status: single(params.status),
    q: single(params.q),
  });
  // Newest first by default; a column chosen without a direction starts A to Z.
  const dir = single(params.dir) === undefined && state.sort !== "joined" ? "asc" : state.dir;
  return { page: state.page, size: state.size, sort: state.sort, dir, role: state.role, status: state.status, search: state.q };
}
