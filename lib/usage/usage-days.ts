// Days of usage as the Usage page and the monthly CSV show them: every day of the range, in order,
// with zeros for the counters of a day nothing was recorded on (nothing was used) and no value for a
// measure nobody took that day.
import type { UsageDay } from "@/db/queries/usage";

export type { UsageDay };

/** YYYY-MM-DD of `day` plus `count` days (UTC). */
export function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** Every day from `from` to `to` (inclusive), each with its recorded usage or an empty one. */
export function everyDay(recorded: UsageDay[], from: string, to: string): UsageDay[] {
  const byDay = new Map(recorded.map((row) => [row.day, row]));
  const days: UsageDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push(byDay.get(day) ?? { day, apiRequests: 0, flowRuns: 0, activeMembers: null, credentials: null, storageBytes: null });
  }
  return days;
}

/** The first and last day of a month given as YYYY-MM. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from, to: addDays(utcDay(next), -1) };
}

const UNITS = ["B", "kB", "MB", "GB", "TB"];

/** Bytes in the SI units people read storage in (1 kB = 1000 B). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
