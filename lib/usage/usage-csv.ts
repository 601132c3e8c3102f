// A tenant's usage for one month as CSV (the billing boundary's export, /admin): one row per day of
// the month, machine-readable headers, and a total row. The tenant is named by its slug on every row,
// so several tenants' files can be concatenated. Built by csv-stringify; the only text cell (the slug)
// goes through the activity export's formula guard.
import { stringify } from "csv-stringify/sync";
import { neutraliseFormula } from "../activity/csv-export";
import type { UsageDay } from "./usage-days";

// Each field of a row, by the header it has in the file.
const HEADERS = {
  tenant: "tenant",
  day: "day_utc",
  apiRequests: "api_requests",
  flowRuns: "flow_runs",
  activeMembers: "active_members",
  credentials: "credentials",
  storageBytes: "storage_bytes",
};
const COLUMNS = Object.entries(HEADERS).map(([key, header]) => ({ key, header }));

const peak = (days: UsageDay[], measure: "activeMembers" | "credentials" | "storageBytes") => {
  const measured = days.map((day) => day[measure]).filter((value) => value !== null);
  return measured.length ? Math.max(...measured) : null;
};

/**
 * The month's days (every day, from lib/usage/usage-days.ts's everyDay) and a "total" row: the sums of
 * the counters and the peaks of the measures (what a bill charges for a month of members or storage).
 */
export function usageCsv(tenantSlug: string, days: UsageDay[]): string {
  const total = {
    day: "total",
    apiRequests: days.reduce((sum, day) => sum + day.apiRequests, 0),
    flowRuns: days.reduce((sum, day) => sum + day.flowRuns, 0),
    activeMembers: peak(days, "activeMembers"),
    credentials: peak(days, "credentials"),
    storageBytes: peak(days, "storageBytes"),
  };
  return stringify(
    [...days, total].map((day) => ({ ...day, tenant: tenantSlug })),
    { header: true, columns: COLUMNS, cast: { string: neutraliseFormula } },
  );
}
