import { sql } from "drizzle-orm";
import { rowsOf } from "../client";
import type { Tx } from "../scopes";

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one attempt against `key` in the current fixed window and says whether it is within the
 * limit. Atomic (one upsert), so concurrent requests on any app server share the count.
 */
export async function hitRateLimit(tx: Tx, key: string, rule: RateLimitRule): Promise<boolean> {
  const window = sql`date_bin(make_interval(secs => ${rule.windowSeconds}), now(), timestamptz '2000-01-01')`;
  await tx.execute(sql`delete from rate_limits where key = ${key} and window_start < ${window}`);
  const result = await tx.execute(sql`
    insert into rate_limits (key, window_start, hits) values (${key}, ${window}, 1)
    on conflict (key, window_start) do update set hits = rate_limits.hits + 1
    returning hits`);
  const [row] = rowsOf<{ hits: number }>(result);
  const hits = Number(row!.hits);
  return hits <= rule.limit;
}
