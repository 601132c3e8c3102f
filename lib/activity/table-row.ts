// What the activity tables (/t/<slug>/activity and /admin/activity) hand the browser of an entry: only
// what a cell shows, the time already formatted. Each row travels twice (in the HTML and in the RSC
// payload), so nothing rides along that no cell reads.
import type { PlatformWideRow } from "@/db/queries/activity/platform-log";

/** An entry as the table shows it; on /admin/activity also which log and tenant it is from. */
export interface ActivityTableRow {
  id: string;
  /** UTC, "YYYY-MM-DD HH:MM:SS" (as shown; the time element's datetime adds the Z). */
  time: string;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  /** Whole: a tenant log's row links to every entry about its target. */
  targetId: string | null;
  summary: string;
  ip: string | null;
  log?: PlatformWideRow["log"];
  tenantName?: string | null;
}

/** A log entry, from either log's query (createdAt: UTC, ISO 8601), as its row. */
export function toActivityTableRow(entry: Omit<PlatformWideRow, "tenantId" | "log" | "tenantName">): ActivityTableRow {
  const { id, createdAt, actorEmail, action, targetType, targetId, summary, ip } = entry;
  return { id, time: `${createdAt.slice(0, 10)} ${createdAt.slice(11, 19)}`, actorEmail, action, targetType, targetId, summary, ip };
}

/** A platform-wide entry as its row, with its log and tenant (/admin/activity). */
export function toPlatformActivityTableRow(entry: PlatformWideRow): ActivityTableRow {
  return { ...toActivityTableRow(entry), log: entry.log, tenantName: entry.tenantName };
}
