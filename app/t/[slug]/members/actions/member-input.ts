// The members actions' input fields, shared by the actions (server) and nothing else: the forms send
// plain FormData and show the messages these produce.
import { z } from "zod";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { canonicalRoles } from "@/lib/permissions";

/** A checkbox group named "roles": absent means none, one box a string, several an array. */
export const rolesField = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(MEMBER_ROLES, "Choose from Viewer, Editor and Admin."))
    .min(1, "Choose at least one role.")
    .transform((roles) => canonicalRoles(roles)),
);

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
