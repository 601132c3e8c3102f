// The sign-in limits count in fixed windows aligned to the database's clock (db/queries/rate-limits.ts),
// so a test that makes its attempts just before a window ends sees the count start over halfway
// through, and the attempt that should be refused is let through. Waiting for a fresh window would
// cost up to a minute; instead the attempts are run again, once, when (and only when) a window
// boundary passed while they ran. A second run starts right after a boundary, with a whole window
// ahead of it. A limit that is truly broken fails both runs, so nothing is let through that shouldn't be.
import { sql } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { MAGIC_LINK_LIMITS, PASSWORD_LINK_LIMIT, PASSWORD_LIMITS } from "@/lib/sign-in-limits";

const WINDOW_SECONDS = [
  ...new Set([...Object.values(MAGIC_LINK_LIMITS), ...Object.values(PASSWORD_LIMITS), PASSWORD_LINK_LIMIT].map((rule) => rule.windowSeconds)),
];

/** The windows every sign-in limit is counting in right now, by the database's clock. */
async function currentWindows(): Promise<string> {
  const result = await withSystem((tx) =>
    tx.execute(sql`select string_agg(
        extract(epoch from date_bin(make_interval(secs => w), now(), timestamptz '2000-01-01'))::text, ',') as windows
      from unnest(${`{${WINDOW_SECONDS.join(",")}}`}::int[]) as w`),
  );
  // Both drivers (pg and PGlite) answer a raw statement with { rows }.
  return (result as unknown as { rows: { windows: string }[] }).rows[0]!.windows;
}

/**
 * Runs `attempts` (which must make fresh accounts, addresses or IPs each time it runs) so that all
 * of them are counted in one window of every sign-in limit.
 */
export async function inOneRateLimitWindow<T>(attempts: () => Promise<T>): Promise<T> {
  const before = await currentWindows();
  try {
    const result = await attempts();
    if ((await currentWindows()) === before) return result;
  } catch (error) {
    if ((await currentWindows()) === before) throw error;
  }
  return attempts();
}
