// Recognizing the database's refusals, whichever driver raised them (pg and PGlite both carry the
// SQLSTATE in `code`; drizzle wraps the driver's error as `cause`).

/** Whether the error is a unique violation (SQLSTATE 23505) of this constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const { code, constraint: violated, message } = current as { code?: string; constraint?: string; message?: string };
    if (code === "23505") return violated === constraint || Boolean(message?.includes(`"${constraint}"`));
  }
  return false;
}

/** SQLSTATE of the archived-tenant trigger (migration tenant_archive): a write into an archived tenant. */
export const ARCHIVED_TENANT_SQLSTATE = "TA423";

/** Whether the database refused a write because its tenant is archived. */
export function isArchivedTenantRefusal(error: unknown): boolean {
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: string }).code === ARCHIVED_TENANT_SQLSTATE) return true;
  }
  return false;
}

/**
 * Whether the error is a foreign-key violation of this constraint: SQLSTATE 23503, or 23001
 * (restrict_violation), which PostgreSQL 17 (the embedded engine) reports for ON DELETE RESTRICT.
 */
export function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const { code, constraint: violated, message } = current as { code?: string; constraint?: string; message?: string };
    if (code === "23503" || code === "23001") return violated === constraint || Boolean(message?.includes(`"${constraint}"`));
  }
  return false;
}
