import { sql } from "drizzle-orm";

/**
 * The tenant the transaction's scope lets through (app.tenant_id, set by db/scopes.ts and read the
 * same way by the tenant_isolation policies), for a query that must read a global table, or write,
 * only for that tenant.
 */
export const scopeTenantId = sql`(select nullif(current_setting('app.tenant_id', true), '')::uuid)`;
