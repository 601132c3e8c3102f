// The validation of a tenant's own fields, shared by creating a tenant and its settings.
import { z } from "zod";
import { TENANT_NAME_MAX_LENGTH } from "./tenant-name-limit";

export { TENANT_NAME_MAX_LENGTH };

export const TenantNameSchema = z
  .string()
  .trim()
  .min(1, { message: "Enter a name for the tenant.", abort: true })
  .max(TENANT_NAME_MAX_LENGTH, `Use at most ${TENANT_NAME_MAX_LENGTH} characters.`)
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "The name cannot contain control characters.");

/**
 * Tenant names are unique regardless of case and spacing: "Acme  corporation" and "acme Corporation"
 * are one name. The database decides (this unique index on lower(trimmed, single-spaced name), from
 * migration 0021), so two creations at once cannot both pass.
 */
export const TENANT_NAME_UNIQUE_INDEX = "tenants_name_normalised";
export const TENANT_NAME_TAKEN = "A tenant with this name already exists.";

/** Optional: empty clears it. Stored lower-case, like account addresses. */
export const ContactEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.union([z.literal(""), z.email("Enter a valid email address, like ops@example.com.")]))
  .transform((email) => email || null);
