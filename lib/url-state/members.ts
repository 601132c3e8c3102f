// The members table's URL state: sortable columns, the role, status and search filters, paging.
import type { MemberListQuery, MemberSort } from "@/db/queries/members";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { defineUrlState, type UrlStateOf } from "./define";
import { oneOf, pageField, sizeField, sortFields, textField } from "./fields";

// The query's own list lives with its SQL (server only); `satisfies` keeps this one a subset of it.
const MEMBER_SORTABLE = ["joined", "name", "email"] as const satisfies readonly MemberSort[];

const MEMBER_STATUSES = ["active", "invited", "suspended"] as const satisfies readonly NonNullable<MemberListQuery["status"]>[];

const fields = {
  page: pageField,
  size: sizeField(25),
  // Newest first by default; a column chosen without a direction starts A to Z.
  ...sortFields({ sortable: MEMBER_SORTABLE, defaultSort: "joined", defaultDir: (sort) => (sort === "joined" ? "desc" : "asc") }),
  role: oneOf(MEMBER_ROLES, undefined),
  status: oneOf(MEMBER_STATUSES, undefined),
  q: textField(100),
};

export const membersUrlState = defineUrlState(fields);

export type MembersUrlState = UrlStateOf<typeof fields>;

/** The member list's query for the URL's state. */
export function toMemberListQuery({ q, ...state }: MembersUrlState): MemberListQuery {
  return { ...state, search: q };
}
