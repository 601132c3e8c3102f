// The groups' input fields (server side; the forms send plain FormData and show these messages; a tenant data file's groups are checked with them too).
import { z } from "zod";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { PERMISSIONS } from "@/lib/permission-catalog";
import { nameInput } from "@/lib/name-input";
import { ROLE_LABELS } from "@/lib/permissions";

const BUILT_IN_NAMES = new Set(MEMBER_ROLES.map((role) => ROLE_LABELS[role].toLowerCase()));

/** A custom group's name: not one of the built-in groups' (Viewer, Editor, Admin), in any case. */
export const groupNameField = nameInput("group").refine(
  (name) => !BUILT_IN_NAMES.has(name.toLowerCase()),
  "Viewer, Editor and Admin are the built-in groups: choose another name.",
);

/** A checkbox list named "permissions": absent means none, one box a string, several an array; catalog order, each once. */
export const permissionsField = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(PERMISSIONS as [string, ...string[]], "Choose permissions from the catalog."))
    .transform((chosen) => PERMISSIONS.filter((permission) => chosen.includes(permission))),
);

/** Checked for shape in the action itself: a malformed id answers "not found", like another tenant's. */
export const groupIdField = z.string().max(100);
