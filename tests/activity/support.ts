// Activity entries at chosen times, written the way the application writes them (runtime role,
// inside the tenant's scope), so tests can aim at day boundaries and identical timestamps.
import { sql } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity } from "@/db/schema";

export interface TestEntry {
  at: string;
  action?: string;
  actorUserId?: string | null;
  actorEmail?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  summary?: string;
}

export async function insertEntries(tenantId: string, entries: TestEntry[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const rows = await withTenant({ tenantId, userId: null }, (tx) =>
    tx
      .insert(activity)
      .values(
        entries.map((e) => ({
          tenantId,
          createdAt: new Date(e.at),
          action: e.action ?? "test.event",
          actorUserId: e.actorUserId ?? null,
          actorEmail: e.actorEmail ?? null,
          targetType: e.targetType ?? null,
          targetId: e.targetId ?? null,
          summary: e.summary ?? `event at ${e.at}`,
        })),
      )
      .returning({ id: activity.id }),
  );
  return rows.map((row) => row.id);
}

/** `count` entries one second apart, ending at `newest`, in one statement (fast on both engines). */
export async function insertSeries(tenantId: string, count: number, options: { newest: string; action?: string; summary?: string }) {
  await withTenant({ tenantId, userId: null }, (tx) =>
    tx.execute(sql`insert into activity (tenant_id, action, summary, created_at)
      select ${tenantId}::uuid, ${options.action ?? "test.series"}, ${options.summary ?? "series entry"} || ' ' || n,
        ${options.newest}::timestamptz - n * interval '1 second'
      from generate_series(0, ${count - 1}) as n`),
  );
}
