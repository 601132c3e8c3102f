// What the API key form (and the create-api-key command) submit, parsed on the server.
import { z } from "zod";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { nameInput } from "../name-input";
import { isStorableDay } from "../storable-dates";

// A key acts with one member role (api_keys.role is the schema's member_role enum).
export const API_KEY_ROLES = MEMBER_ROLES;

export const ApiKeyNameInput = nameInput("key");

export const ApiKeyRoleInput = z.enum(API_KEY_ROLES, { error: "Choose Viewer, Editor or Admin." });

/**
 * Optional: a UTC day (YYYY-MM-DD, what a date input sends) after today; the key stops working when
 * that day begins (00:00 UTC). Empty: the key does not expire.
 */
export const ApiKeyExpiresInput = z
  .string()
  .trim()
  .optional()
  .transform((day, context) => {
    if (!day) return null;
    const expiresAt = isStorableDay(day) ? new Date(`${day}T00:00:00Z`) : null;
    if (!expiresAt) {
      context.addIssue({ code: "custom", message: "Enter a date like 2030-12-31." });
      return z.NEVER;
    }
    if (expiresAt.getTime() <= Date.now()) {
      context.addIssue({ code: "custom", message: "Choose a day after today." });
      return z.NEVER;
    }
    return expiresAt;
  });

/** Checked for shape in the action itself: a malformed id answers "not found", like another tenant's. */
export const ApiKeyIdInput = z.string().max(100);
