// The members table's state, read from the URL with the shared parsers: which columns may sort, and
// the role, status and search filters. Anything unknown falls back to the default view.
import { z } from "zod";
import { single, tableStateSchema, textFilter, type SearchParams } from "@/components/data-table/table-state";
import type { MemberListQuery } from "@/db/queries/members";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { ROLE_LABELS } from "@/lib/permissions";

/**
 * The member list's notice ("Removed …"). It takes focus after a removal: the row, and the "Remove"
 * button that had focus, are gone, and focus must not fall back to the top of the page.
 */
export const MEMBERS_NOTICE_ID = "members-notice";

export const MEMBER_SORTABLE = ["joined", "name", "email"] as const;

export const ROLE_OPTIONS = MEMBER_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

export const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "invited", label: "Invited" },
  { value: "suspended", label: "Suspended" },
] as const;

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
