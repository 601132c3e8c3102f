// Races that overlap the same way every run, instead of when the scheduler happens to allow it.
// Another transaction holds the tenant row's lock while the racers start; it lets go only once every
// racer is waiting for a lock (or has finished). Code that takes the tenant lock first queues the
// racers there, so they run one after another and each sees the last one's change. Code that forgot
// the lock lets every racer read the same "before" state, and they only queue later, at the write
// that touches the tenant row (its counters), when each has already decided.
// PGlite has one connection, so its transactions never overlap: there the racers simply run in turn.
import { sql } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { lockTenant } from "@/db/queries/tenants";

const racesCanOverlap = !process.env.DATABASE_URL?.startsWith("pglite:");

/** How many sessions of this database wait on another's lock right now. */
async function sessionsWaitingOnALock(): Promise<number> {
  const result = await withSystem((tx) =>
    tx.execute(sql`select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and cardinality(pg_blocking_pids(pid)) > 0`),
  );
  // Both drivers (pg and PGlite) answer a raw statement with { rows }.
  return (result as unknown as { rows: { waiting: number }[] }).rows[0]!.waiting;
}

export async function raceBehindTenantLock<T>(tenantId: string, racers: (() => Promise<T>)[]): Promise<T[]> {
  if (!racesCanOverlap) return Promise.all(racers.map((racer) => racer()));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const lockHeld = new Promise<void>((resolve) => (held = resolve));
  const holder = withTenant({ tenantId, userId: null }, async (tx) => {
    await lockTenant(tx, tenantId);
    held();
    await released;
  });
  await lockHeld;
  let settled = 0;
  const results = racers.map((racer) => racer().finally(() => settled++));
  try {
    const deadline = Date.now() + 10_000;
    while ((await sessionsWaitingOnALock()) + settled < racers.length) {
      if (Date.now() > deadline) throw new Error("the racers neither waited for a lock nor finished within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    release();
    await holder;
  }
  return Promise.all(results);
}
