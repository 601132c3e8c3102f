// The access review's URL state: role, permission, two-factor, status and search filters, paging.
// The CSV export reads the same fields from its form, so the file holds what the page shows.
import type { AccessReviewFilters, AccessReviewQuery } from "@/db/queries/access-review";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { PERMISSIONS } from "@/lib/permission-catalog";
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

/** The review's filters for the URL's state (the CSV export's too). */
export function toAccessReviewFilters(state: AccessReviewUrlState): AccessReviewFilters {
  const { role, status, twoFactor, q, permission } = state;
  return { role, status, twoFactor, search: q, permission };
}

/** The review's query (filters and page) for the URL's state. */
export function toAccessReviewQuery(state: AccessReviewUrlState): AccessReviewQuery {
  return { page: state.page, size: state.size, ...toAccessReviewFilters(state) };
}

const PAGING_KEYS = new Set(["page", "size"]);

/** The filters that are set, as form fields (the export's hidden inputs) and for its log entry. */
export function activeFilters(state: AccessReviewUrlState): [name: string, value: string][] {
  return Object.entries(state).filter((entry): entry is [string, string] => !PAGING_KEYS.has(entry[0]) && typeof entry[1] === "string");
}
