// What the activity tables (/t/<slug>/activity and /admin/activity) hand the browser of an entry: only
// what a cell shows, the time already formatted. Each row travels twice (in the HTML and in the RSC
// payload), so nothing rides along that no cell reads.
import type { PlatformWideRow } from "@/db/queries/activity/platform-log";

/** The fields of an entry both logs' queries give, as they give them. */
type LogEntry = Omit<PlatformWideRow, "tenantId" | "log" | "tenantName">;

/**
 * An entry as the table shows it: the query's fields but createdAt, with `time` in UTC as shown
 * ("YYYY-MM-DD HH:MM:SS"; the time element's datetime adds the Z). targetId stays whole: a tenant
 * log's row links to every entry about its target. On /admin/activity also which log and tenant.
 */
export type ActivityTableRow = Omit<LogEntry, "createdAt"> & { time: string } & Partial<Pick<PlatformWideRow, "log" | "tenantName">>;

/** A log entry, from either log's query (createdAt: UTC, ISO 8601), as its row. */
export function toActivityTableRow(entry: LogEntry): ActivityTableRow {
  const { id, createdAt, actorEmail, action, targetType, targetId, summary, ip } = entry;
  return { id, time: `${createdAt.slice(0, 10)} ${createdAt.slice(11, 19)}`, actorEmail, action, targetType, targetId, summary, ip };
}

/** A platform-wide entry as its row, with its log and tenant (/admin/activity). */
export function toPlatformActivityTableRow(entry: PlatformWideRow): ActivityTableRow {
  return { ...toActivityTableRow(entry), log: entry.log, tenantName: entry.tenantName };
}
