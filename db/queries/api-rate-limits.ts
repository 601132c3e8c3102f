// The API rate limiter's rows (global table api_rate_limits) and the limits it applies: the tenant's
// (tenants.api_requests_per_minute) and the one all tenants share (platform_settings). Read in the
// calling API request's tenant scope; the decision itself is lib/api/rate-limit.ts's.
import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "../client";
import { apiRateLimits, platformSettings, tenants } from "../schema";
import type { TenantTx, Tx } from "../scopes";

const PURGE_BATCH = 20;

/** The API requests per minute this tenant may make, and all tenants together may (null: no limit). */
export async function apiLimitsOf(tx: TenantTx): Promise<{ tenant: number | null; platform: number | null }> {
  const [row] = await tx
    .select({ tenant: tenants.apiRequestsPerMinute, platform: platformSettings.apiRequestsPerMinute })
    .from(tenants)
    .leftJoin(platformSettings, sql`true`)
    .where(eq(tenants.id, tx.tenantId));
  return { tenant: row?.tenant ?? null, platform: row?.platform ?? null };
}

/**
 * Locks the limiter rows of `keys` until commit (creating missing ones), always in key order so two
 * requests that need the same rows never deadlock, and returns each row's TAT with the database's
 * clock read after the locks were granted (one clock for every app server).
 */
export async function lockRateLimits(tx: Tx, keys: string[]): Promise<{ now: number; tats: Map<string, number> }> {
  // A TAT in the past is the same as no row: up to PURGE_BATCH such rows go per request (rows of
  // limits since changed, of idle tenants), skipping rows another request holds.
  await tx.execute(sql`
    delete from api_rate_limits where key in (
      select key from api_rate_limits where tat < now() - interval '1 minute' limit ${PURGE_BATCH} for update skip locked)`);
  await tx
    .insert(apiRateLimits)
    .values(keys.map((key) => ({ key, tat: sql`clock_timestamp()` })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ key: apiRateLimits.key, tat: apiRateLimits.tat })
    .from(apiRateLimits)
    .where(inArray(apiRateLimits.key, keys))
    .orderBy(asc(apiRateLimits.key))
    .for("update");
  const [clock] = rowsOf<{ now: string }>(await tx.execute(sql`select (extract(epoch from clock_timestamp()) * 1000)::float8 as now`));
  return { now: Number(clock!.now), tats: new Map(rows.map((row) => [row.key, row.tat.getTime()])) };
}

export async function storeRateLimit(tx: Tx, key: string, tat: number): Promise<void> {
  await tx.update(apiRateLimits).set({ tat: new Date(tat) }).where(eq(apiRateLimits.key, key));
}
