// The activity chart: entries per UTC day under the page's filters and search.
import { and, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { activity, activityDayCounts } from "../../schema";
import { rowsOf } from "../../client";
import { scopeTenantId } from "../../scope-tenant";
import type { TenantTx, Tx } from "../../scopes";
import { lookupConditions, planSearch, splitOthers, summaryHasWords, termSource, termSourceSettings, type SearchPlan } from "./search";
import { activityConditions, dayStart, runStatement, type ActivityFilters } from "./sql";

/**
 * The days the chart covers, as PostgreSQL computes them in UTC: the filter's From..To, with To
 * defaulting to today and From to `defaultDays` before To, and at most `maxDays` (the latest ones).
 */
export async function resolveChartRange(
  tx: Tx,
  filters: Pick<ActivityFilters, "fromDay" | "toDay">,
  limits: { defaultDays: number; maxDays: number },
): Promise<{ fromDay: string; toDay: string; clipped: boolean }> {
  const result = await tx.execute(sql`
    select to_char(greatest(first_day, last_day - ${limits.maxDays - 1}::int), 'YYYY-MM-DD') as "fromDay",
      to_char(last_day, 'YYYY-MM-DD') as "toDay",
      first_day < last_day - ${limits.maxDays - 1}::int as clipped
    from (select coalesce(${filters.fromDay ?? null}::date, last_day - ${limits.defaultDays - 1}::int) as first_day, last_day
      from (select coalesce(${filters.toDay ?? null}::date, (now() at time zone 'UTC')::date) as last_day) as b) as r`);
  return rowsOf<{ fromDay: string; toDay: string; clipped: boolean }>(result)[0]!;
}

/**
 * Entries per UTC day from `fromDay` to `toDay` (inclusive) under the same filters, with the empty
 * days: PostgreSQL lists the days and counts each one with its own index range. Grouping the entries
 * by a day computed from each of them instead evaluates that expression on every entry (a 30-day
 * chart of a busy tenant: ~80,000 of them, several times slower).
 *
 * The list of days is kept a subquery (OFFSET 0) whose columns are the days' bounds as timestamps, so
 * that each count compares created_at with a plain value: were the list flattened into the counts,
 * the bounds would be expressions (date arithmetic, time zones) that are not leakproof, which under
 * row-level security cannot be index conditions, and each day would read the tenant's whole log. An
 * integer series gives the planner the number of days (a date series is guessed at 1,000 rows, which
 * made it compile the statement with JIT). `plan`: the search's, when already planned. The chart
 * of the whole log (no filter, no search), which every visit to the page opens with, counts a
 * finished day once and keeps it (countWithKeptDays).
 */
export async function countActivityPerDay(
  tx: TenantTx,
  filters: ActivityFilters,
  range: { fromDay: string; toDay: string },
  plan?: SearchPlan,
): Promise<{ day: string; count: number }[]> {
  plan ??= await planSearch(tx, filters.search);
  // The range already lies within the filter's From..To (resolveChartRange).
  const filtersButDays = { ...filters, fromDay: undefined, toDay: undefined };
  const count = countOnDay(tx.tenantId, filtersButDays, plan);
  if (isWholeLog(filtersButDays, plan)) return countWithKeptDays(tx, range, count);
  const query = sql`
    select to_char(days.day, 'YYYY-MM-DD') as day, (${count}) as count
    from (${daysOf(range)} offset 0) as days
    order by days.day`;
  return runStatement<{ day: string; count: number }>(tx, { query, settings: plan.kind === "terms" ? termSourceSettings(plan) : null });
}

/** The days of the range with their bounds as timestamps (see countActivityPerDay for why). */
const daysOf = (range: { fromDay: string; toDay: string }) => sql`
  select day, ${dayStart(sql`day`)} as starts, ${dayStart(sql`day + 1`)} as ends
  from (select ${range.fromDay}::date + i as day from generate_series(0, ${range.toDay}::date - ${range.fromDay}::date) as i) as series`;

/** No filter and no search: the chart the activity page opens with, of every entry of the tenant. */
function isWholeLog(filters: ActivityFilters, plan: SearchPlan): boolean {
  return plan.kind === "none" && !filters.actorUserId && !filters.targetType && filters.actions.length === 0;
}

/**
 * The whole log's chart in one statement: a day counted before is read from activity_day_counts; any
 * other is counted, and kept there if it ended before yesterday began. A day is kept only once no
 * transaction that stamped an entry with it can still be running (an entry carries its transaction's
 * start, so yesterday's last ones may commit after midnight); an entry dated into a kept day later
 * deletes it (the table's trigger). Transactions end within a minute or so (the scope's statement and
 * idle timeouts), so a day's margin is ample. Two views counting the same day at once both keep it:
 * the second insert does nothing. Kept only in the tenant of the transaction's scope, the one the
 * table's policy accepts: a chart asked for another (a forged scope) counts without keeping, rather
 * than fail.
 */
async function countWithKeptDays(tx: TenantTx, range: { fromDay: string; toDay: string }, count: SQL) {
  const query = sql`
    with days as materialized (${daysOf(range)}),
    counted as materialized (
      select days.day, kept.entries as kept, case when kept.entries is null then (${count}) end as counted
      from days left join ${activityDayCounts} as kept on kept.tenant_id = ${tx.tenantId} and kept.day = days.day),
    keep as (
      insert into ${activityDayCounts} (tenant_id, day, entries)
      select ${tx.tenantId}, day, counted from counted
      where kept is null and day < (now() at time zone 'UTC')::date - 1 and ${tx.tenantId} = ${scopeTenantId}
      on conflict do nothing)
    select to_char(day, 'YYYY-MM-DD') as day, coalesce(kept, counted) as count from counted order by day`;
  return runStatement<{ day: string; count: number }>(tx, { query, settings: null });
}

/** Within the chart's day (the columns of its list of days). */
const onChartDay = (createdAt: AnyPgColumn | SQL) => [sql`${createdAt} >= days.starts`, sql`${createdAt} < days.ends`];

/** The entries of the chart's day under the filters, following the search plan like the page does. */
function countOnDay(tenantId: string, filters: ActivityFilters, plan: SearchPlan): SQL {
  if (plan.kind === "no-match") return sql`select 0`;
  if (plan.kind === "terms") {
    const source = termSource({ tenant: sql`${tenantId}`, plan, timeConditions: onChartDay, unordered: true });
    const narrowed = filters.actorUserId || filters.targetType || filters.actions.length > 0 || splitOthers(plan).tested.length > 0;
    // Words the index answers alone: counted from the index (index-only). Anything else: each entry looked up (see termsPageQuery).
    if (!narrowed) return sql`select count(*)::int from (${source}) as c`;
    return sql`select count(*)::int from (${source}) as c
      cross join lateral (select 1 from ${activity} where ${lookupConditions(tenantId, filters, plan)} limit 1) as e`;
  }
  const words = plan.kind === "walk" ? summaryHasWords(activity.summary, plan.words) : [];
  return sql`select count(*)::int from ${activity}
    where ${and(...activityConditions(tenantId, filters), ...onChartDay(activity.createdAt), ...words)}`;
}

