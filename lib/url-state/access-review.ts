// The access review's URL state: role, permission, two-factor, status and search filters, paging.
// The CSV export reads the same fields from its form, so the file holds what the page shows.
import type { AccessReviewQuery } from "@/db/queries/access-review";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { PERMISSIONS, rolesGranting } from "@/lib/permissions";
import { defineUrlState, type UrlStateOf } from "./define";
import { oneOf, pageField, sizeField, textField } from "./fields";

const STATUSES = ["active", "invited", "suspended"] as const satisfies readonly NonNullable<AccessReviewQuery["status"]>[];
const TWO_FACTOR = ["on", "off"] as const satisfies readonly NonNullable<AccessReviewQuery["twoFactor"]>[];

const fields = {
  page: pageField,
  size: sizeField(25),
  role: oneOf(MEMBER_ROLES, undefined),
  permission: oneOf(PERMISSIONS, undefined),
  twoFactor: oneOf(TWO_FACTOR, undefined),
  status: oneOf(STATUSES, undefined),
  q: textField(100),
};

export const accessReviewUrlState = defineUrlState(fields);

export type AccessReviewUrlState = UrlStateOf<typeof fields>;

/** The review's query for the URL's state: a permission becomes the roles that carry it. */
export function toAccessReviewQuery({ q, permission, ...state }: AccessReviewUrlState): AccessReviewQuery {
  return { ...state, search: q, anyRole: permission ? rolesGranting(permission) : undefined };
}

/** The filters that are set, as form fields (the export's hidden inputs) and for its log entry. */
export function activeFilters(state: AccessReviewUrlState): [name: string, value: string][] {
  const { page: _page, size: _size, ...filters } = state;
  return Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string");
}
