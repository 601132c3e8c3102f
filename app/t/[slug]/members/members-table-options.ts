// The members table's filter choices (roles, statuses) and its notice's id: plain
// constants, shared by the page and its client components.
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { ROLE_LABELS } from "@/lib/permissions";

/**
 * The member list's notice ("Removed …"). It takes focus after a removal: the row, and the "Remove"
 * button that had focus, are gone, and focus must not fall back to the top of the page.
 */
export const MEMBERS_NOTICE_ID = "members-notice";

export const ROLE_OPTIONS = MEMBER_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

export const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "invited", label: "Invited" },
  { value: "suspended", label: "Suspended" },
] as const;
