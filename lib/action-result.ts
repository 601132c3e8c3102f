// What a server action answers. Expected failures are values, not exceptions, so forms can show them
// next to the field and keep what was typed.
export type ActionErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "RATE_LIMITED"
  /** The tenant's license does not include the feature (lib/licenses.ts). */
  | "LICENSE_REQUIRED"
  /** The server lacks a setting the feature needs (a production server without SECRETS_KEY). */
  | "UNAVAILABLE"
  /** The database dropped or refused the connection; the transaction rolled back (db/availability.ts). */
  | "RETRYABLE"
  /** The tenant is archived: it is read-only until restored (lib/actions/tenant-archive.ts). */
  | "ARCHIVED"
  | "INTERNAL";

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ActionErrorCode; message: string; fieldErrors?: FieldErrors };

export const failure = (code: ActionErrorCode, message: string, fieldErrors?: FieldErrors) =>
  ({ ok: false, code, message, fieldErrors }) as const;
