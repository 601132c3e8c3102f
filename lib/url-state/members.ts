// The members table's URL state: sortable columns, the role, status and search filters, paging.
import type { MemberListQuery, MemberSort } from "@/db/queries/members";
import type { MemberRole } from "@/db/schema";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { defineUrlState, type UrlStateOf } from "./define";
import { matchingField, oneOf, pageField, sizeField, sortFields, textField } from "./fields";

// A regular expression rather than lib/ids (zod): the browser's filter controls read this state too.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);
const isMemberRole = (value: string): value is MemberRole => (MEMBER_ROLES as readonly string[]).includes(value);

// The query's own list lives with its SQL (server only); `satisfies` keeps this one a subset of it.
const MEMBER_SORTABLE = ["joined", "name", "email"] as const satisfies readonly MemberSort[];

const MEMBER_STATUSES = ["active", "invited", "suspended"] as const satisfies readonly NonNullable<MemberListQuery["status"]>[];

const fields = {
  page: pageField,
  size: sizeField(25),
  // Newest first by default; a column chosen without a direction starts A to Z.
  ...sortFields({ sortable: MEMBER_SORTABLE, defaultSort: "joined", defaultDir: (sort) => (sort === "joined" ? "desc" : "asc") }),
  // A built-in group's name or a custom group's id (looked up in the caller's tenant only).
  role: matchingField((value) => isMemberRole(value) || isUuid(value)),
  status: oneOf(MEMBER_STATUSES, undefined),
  q: textField(100),
};

export const membersUrlState = defineUrlState(fields);

export type MembersUrlState = UrlStateOf<typeof fields>;

/** The member list's query for the URL's state. */
export function toMemberListQuery({ q, role, ...state }: MembersUrlState): MemberListQuery {
  const filter = role === undefined ? {} : isMemberRole(role) ? { role } : { groupId: role };
  return { ...state, ...filter, search: q };
}
