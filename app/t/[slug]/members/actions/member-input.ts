// The members actions' input fields, shared by the actions (server) and nothing else: the forms send
// plain FormData and show the messages these produce.
import { z } from "zod";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { ActionError } from "@/lib/actions/core";
import { canonicalRoles } from "@/lib/permissions";

/**
 * A checkbox group named "roles": absent means none, one box a string, several an array. None is
 * valid here: a member may be in custom groups only; the actions refuse a member in no group at all
 * (refuseNoGroup), once they know the groups too.
 */
export const rolesField = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.enum(MEMBER_ROLES, "Choose from Viewer, Editor and Admin.")).transform((roles) => canonicalRoles(roles)),
);

/** The refusal of a member with no built-in group (role) and no custom group, next to the checkboxes. */
export function refuseNoGroup(roles: readonly unknown[], groupIds: readonly unknown[]): void {
  if (roles.length + groupIds.length > 0) return;
  throw new ActionError("VALIDATION", "Choose at least one role or group.", { roles: ["Choose at least one role or group."] });
}

/** Whatever id is sent is looked up in the caller's tenant only; anything else answers NOT_FOUND. */
export const memberIdField = z.string().trim().max(100);

/**
 * A checkbox group named "groups" (the custom groups' ids): absent means none. Each id is looked up
 * in the caller's tenant only; a malformed one can name no group there and is refused like a stranger's.
 */
export const groupIdsField = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.string().trim().max(100))
    .max(1000, "Choose at most 1,000 groups.")
    .transform((ids) => [...new Set(ids)]),
);
