import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf } from "../client";
import type { Tx } from "../scopes";

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** Expired rows deleted per call: each sign-in does a small, bounded share of the cleaning. */
export const PURGE_BATCH = 100;

/**
 * Counts one attempt against `key` in the current fixed window and says whether it is within the
 * limit. Atomic (one upsert), so concurrent requests on any app server share the count.
 * Before counting, deletes up to PURGE_BATCH expired rows of any key (rate_limits would otherwise
 * grow with every address and IP ever seen). SKIP LOCKED: rows another sign-in holds are left for a
 * later call, so concurrent sign-ins never wait on, or deadlock over, each other's cleaning.
 */
export async function hitRateLimit(tx: Tx, key: string, rule: RateLimitRule): Promise<boolean> {
  await tx.execute(sql`
    delete from rate_limits
    where (key, window_start) in (
      select key, window_start from rate_limits
      where expires_at < now()
      limit ${PURGE_BATCH}
      for update skip locked)`);
  const window = sql`date_bin(make_interval(secs => ${rule.windowSeconds}), now(), timestamptz '2000-01-01')`;
  const result = await tx.execute(sql`
    insert into rate_limits (key, window_start, expires_at, hits)
    values (${key}, ${window}, ${window} + make_interval(secs => ${rule.windowSeconds}), 1)
    on conflict (key, window_start) do update set hits = rate_limits.hits + 1
    returning hits`);
  const [row] = rowsOf<{ hits: number }>(result);
  return Number(row!.hits) <= rule.limit;
}
