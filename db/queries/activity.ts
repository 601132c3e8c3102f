import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { PgDialect, type AnyPgColumn } from "drizzle-orm/pg-core";
import { activity } from "../schema";
import { rowsOf } from "../client";
import type { TenantTx, Tx } from "../scopes";
import { keysetPage, type ActivityKey, type KeysetPage } from "./keyset";
import { planSearch, splitOthers, summaryHasWords, termSource, termSourceSettings, type SearchPlan, type TermsPlan } from "./activity-search";
import { WALK_IN_TIME_ORDER, withPlannerSettings, type PlannerSettings } from "./planner-settings";

export type { ActivityKey } from "./keyset";

/** An entry of the transaction's tenant's log. */
export interface NewActivityEntry {
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  summary: string;
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

/** Appends to a tenant's log; call it in the same transaction as the change it records. */
export async function recordActivity(tx: TenantTx, entry: NewActivityEntry): Promise<void> {
  await tx.insert(activity).values({
    tenantId: tx.tenantId,
    actorUserId: entry.actorUserId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    summary: entry.summary,
    details: entry.details ?? null,
    ip: entry.ip ?? null,
  });
}

/** What the log can be filtered by. Days are UTC calendar days, both ends inclusive. */
export interface ActivityFilters {
  actorUserId?: string;
  actions: string[];
  targetType?: string;
  targetId?: string;
  /** YYYY-MM-DD */
  fromDay?: string;
  /** YYYY-MM-DD */
  toDay?: string;
  /** Words that must each start a word of the summary, any case (see activity-search.ts). */
  search?: string;
}

// created_at with its microseconds, in UTC: the cursor must compare equal to the stored value, which
// a JavaScript Date (milliseconds) cannot guarantee.
export const exactTime = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

type LogColumns = { action: AnyPgColumn; createdAt: AnyPgColumn };

/** The first instant of a UTC calendar day, from an SQL date expression. */
const dayStart = (day: SQL) => sql`(${day})::timestamp at time zone 'UTC'`;

/** Calendar days in UTC, computed by PostgreSQL from the date: [from 00:00 UTC, to + 1 day 00:00 UTC). */
export function dayConditions(createdAt: AnyPgColumn | SQL, filters: Pick<ActivityFilters, "fromDay" | "toDay">): SQL[] {
  const conditions: SQL[] = [];
  if (filters.fromDay) conditions.push(sql`${createdAt} >= ${dayStart(sql`${filters.fromDay}::date`)}`);
  if (filters.toDay) conditions.push(sql`${createdAt} < ${dayStart(sql`${filters.toDay}::date + 1`)}`);
  return conditions;
}

/** The conditions every log (tenant and platform) shares, but the search: actions and UTC days. */
export function logConditions(log: LogColumns, filters: Pick<ActivityFilters, "actions" | "fromDay" | "toDay">): SQL[] {
  const conditions: SQL[] = [];
  if (filters.actions.length === 1) conditions.push(eq(log.action, filters.actions[0]!));
  if (filters.actions.length > 1) conditions.push(inArray(log.action, filters.actions));
  return [...conditions, ...dayConditions(log.createdAt, filters)];
}

/**
 * The WHERE clause of a tenant log query, but the search. Every condition uses a leakproof operator
 * (uuid and text equality, timestamp comparison), so under row-level security PostgreSQL can still
 * use it as an index condition.
 */
export function activityConditions(tenantId: string, filters: ActivityFilters): SQL[] {
  const conditions: SQL[] = [eq(activity.tenantId, tenantId)];
  if (filters.actorUserId) conditions.push(eq(activity.actorUserId, filters.actorUserId));
  if (filters.targetType) conditions.push(eq(activity.targetType, filters.targetType));
  if (filters.targetType && filters.targetId) conditions.push(eq(activity.targetId, filters.targetId));
  return [...conditions, ...logConditions(activity, filters)];
}

/** Strictly after (older than, or newer than) a key, in (created_at, id) order: a row comparison the index serves. */
export function keysetCondition(log: { createdAt: AnyPgColumn; id: AnyPgColumn }, key: ActivityKey): SQL {
  const position = sql`(${key.createdAt}::timestamptz, ${key.id}::uuid)`;
  return key.direction === "older"
    ? sql`(${log.createdAt}, ${log.id}) < ${position}`
    : sql`(${log.createdAt}, ${log.id}) > ${position}`;
}

const entryColumns = {
  id: activity.id,
  createdAt: exactTime(activity.createdAt),
  // The timestamp itself, for ordering merged branches (see activityPageQuery).
  sortTime: activity.createdAt,
  actorUserId: activity.actorUserId,
  actorEmail: activity.actorEmail,
  action: activity.action,
  targetType: activity.targetType,
  targetId: activity.targetId,
  summary: activity.summary,
  details: activity.details,
  ip: activity.ip,
};
// Rendered to text once: it never changes, and walking its pieces again on every page view costs
// more than the rest of the statement's assembly.
const entrySelectList = sql.raw(new PgDialect().sqlToQuery(selectList(entryColumns)).sql);

export type ActivityRow = {
  id: string;
  /** UTC, ISO 8601 with microseconds */
  createdAt: string;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: string;
  details: Record<string, unknown> | null;
  ip: string | null;
};

/** `expression as "key"` for each column, for statements written in SQL whose rows are read as they come. */
export function selectList(columns: Record<string, AnyPgColumn | SQL>): SQL {
  return sql.join(
    Object.entries(columns).map(([key, column]) => sql`${column} as ${sql.identifier(key)}`),
    sql`, `,
  );
}

/**
 * The page query walking the log's indexes: up to `limit` rows past `key`, newest first when reading
 * older (and for the first page), oldest first when reading newer (keysetPage reverses). ORDER BY
 * matches the indexes' (created_at DESC, id DESC), so a filter reads one index range and stops at the
 * limit. `extra` conditions (a search's word tests) are checked on each entry read.
 *
 * Several actions: one branch per action, each an ordered range of the (tenant, action, time) index
 * cut at the limit, merged by UNION ALL. An IN list over that index would not come out in time order
 * (a sort of every matching row), and the time index would read past all the other actions' rows.
 *
 * Written as SQL rather than with the query builder: this runs on every page view, and the builder's
 * assembly and row mapping added a fifth to a third to the database's own time for a page
 * (bench/activity.ts compares the two).
 */
export function activityPageQuery(
  tenantId: string,
  filters: ActivityFilters,
  key: ActivityKey | undefined,
  limit: number,
  extra: SQL[] = [],
): SQL {
  const dir = key?.direction === "newer" ? sql`asc` : sql`desc`;
  const branch = (actions: string[]) => {
    const conditions = [...activityConditions(tenantId, { ...filters, actions }), ...extra];
    if (key) conditions.push(keysetCondition(activity, key));
    return sql`select ${entrySelectList} from ${activity} where ${and(...conditions)}
      order by ${activity.createdAt} ${dir}, ${activity.id} ${dir} limit ${limit}`;
  };
  if (filters.actions.length <= 1) return branch(filters.actions);
  const branches = filters.actions.map((action) => sql`(${branch([action])})`);
  return sql`select * from (${sql.join(branches, sql` union all `)}) as merged
    order by "sortTime" ${dir}, id ${dir} limit ${limit}`;
}

/**
 * The page query driven by the word index (see activity-search.ts): the driver word's entries in
 * (created_at, id) order past `key`, each looked up in activity by its primary key with the other
 * filters and words, until `limit` pass. The lookup is a LATERAL subquery with LIMIT 1, so it stays a
 * nested loop that keeps the index's order and stops at the limit, whatever the planner estimates.
 */
export function termsPageQuery(
  tenantId: string,
  filters: ActivityFilters,
  plan: TermsPlan,
  key: ActivityKey | undefined,
  limit: number,
): SQL {
  const dir = key?.direction === "newer" ? sql`asc` : sql`desc`;
  const source = termSource({ tenant: sql`${tenantId}`, plan, timeConditions: (createdAt) => dayConditions(createdAt, filters), key });
  return sql`select e.* from (${source}) as c
    cross join lateral (select ${entrySelectList} from ${activity} where ${lookupConditions(tenantId, filters, plan)} limit 1) as e
    order by c.created_at ${dir}, c.activity_id ${dir} limit ${limit}`;
}

/** The entry `c.activity_id` of a word index source, with the other filters and the words the index did not answer. */
function lookupConditions(tenantId: string, filters: ActivityFilters, plan: TermsPlan): SQL {
  return and(...activityConditions(tenantId, filters), sql`${activity.id} = c.activity_id`, ...summaryHasWords(activity.summary, splitOthers(plan).tested))!;
}

/**
 * The statement that reads a page for a planned search (null: nothing can match), with the planner
 * settings it runs with: a walk of the log's indexes (with the words tested on each entry when the
 * plan is "walk"), or the word index's.
 */
export function plannedPageQuery(
  tenantId: string,
  filters: ActivityFilters,
  plan: SearchPlan,
  key: ActivityKey | undefined,
  limit: number,
): { query: SQL; settings: PlannerSettings | null } | null {
  switch (plan.kind) {
    case "none":
      return { query: activityPageQuery(tenantId, filters, key, limit), settings: null };
    case "walk":
      return { query: activityPageQuery(tenantId, filters, key, limit, summaryHasWords(activity.summary, plan.words)), settings: WALK_IN_TIME_ORDER };
    case "terms":
      return { query: termsPageQuery(tenantId, filters, plan, key, limit), settings: termSourceSettings(plan) };
    case "no-match":
      return null;
  }
}

/** Runs a statement, with planner settings when it needs them. */
async function runWith<T>(tx: Tx, statement: { query: SQL; settings: PlannerSettings | null }): Promise<T[]> {
  const run = async () => rowsOf<T>(await tx.execute(statement.query));
  return statement.settings ? withPlannerSettings(tx, statement.settings, run) : run();
}

/** Up to `limit` rows past `key` (see activityPageQuery for the order), for a planned search. */
export async function fetchPlannedPage(
  tx: TenantTx,
  filters: ActivityFilters,
  plan: SearchPlan,
  key: ActivityKey | undefined,
  limit: number,
): Promise<ActivityRow[]> {
  const planned = plannedPageQuery(tx.tenantId, filters, plan, key, limit);
  return planned ? runWith<ActivityRow>(tx, planned) : [];
}

/** Up to `limit` rows past `key`: plans the search, then fetches (the CSV export, one batch at a time). */
export async function fetchActivityPage(tx: TenantTx, filters: ActivityFilters, key: ActivityKey | undefined, limit: number) {
  const plan = await planSearch(tx, filters.search);
  return fetchPlannedPage(tx, filters, plan, key, limit);
}

/** One page of a tenant's log, newest first, with the keys of the neighbouring pages. `plan`: the search's, when already planned. */
export async function listActivityPage(
  tx: TenantTx,
  filters: ActivityFilters,
  options: { key?: ActivityKey; limit: number; plan?: SearchPlan },
): Promise<KeysetPage<ActivityRow>> {
  const plan = options.plan ?? (await planSearch(tx, filters.search));
  return keysetPage((key, limit) => fetchPlannedPage(tx, filters, plan, key, limit), options.key, options.limit);
}

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
 * made it compile the statement with JIT). `plan`: the search's, when already planned.
 */
export async function countActivityPerDay(
  tx: TenantTx,
  filters: ActivityFilters,
  range: { fromDay: string; toDay: string },
  plan?: SearchPlan,
): Promise<{ day: string; count: number }[]> {
  plan ??= await planSearch(tx, filters.search);
  // The range already lies within the filter's From..To (resolveChartRange).
  const count = countOnDay(tx.tenantId, { ...filters, fromDay: undefined, toDay: undefined }, plan);
  const query = sql`
    select to_char(days.day, 'YYYY-MM-DD') as day, (${count}) as count
    from (select day, ${dayStart(sql`day`)} as starts, ${dayStart(sql`day + 1`)} as ends
      from (select ${range.fromDay}::date + i as day from generate_series(0, ${range.toDay}::date - ${range.fromDay}::date) as i) as series
      offset 0) as days
    order by days.day`;
  return runWith<{ day: string; count: number }>(tx, { query, settings: plan.kind === "terms" ? termSourceSettings(plan) : null });
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

/**
 * The distinct action names in a tenant's log, by walking the (tenant, action, ...) index one value
 * at a time (a "skip scan"): a few dozen index probes, however many entries there are.
 */
export async function listActivityActions(tx: TenantTx): Promise<string[]> {
  return distinctValues(tx, "action");
}

/** The distinct target types in a tenant's log (skip scan on the target index). */
export async function listActivityTargetTypes(tx: TenantTx): Promise<string[]> {
  return distinctValues(tx, "target_type");
}

async function distinctValues(tx: TenantTx, column: "action" | "target_type"): Promise<string[]> {
  const name = sql.identifier(column);
  const result = await tx.execute(sql`
    with recursive walk(value) as (
      (select ${name} from activity where tenant_id = ${tx.tenantId} and ${name} is not null order by ${name} limit 1)
      union all
      select (select a.${name} from activity a where a.tenant_id = ${tx.tenantId} and a.${name} > walk.value order by a.${name} limit 1)
      from walk where walk.value is not null
    )
    select value from walk where value is not null`);
  return rowsOf<{ value: string }>(result).map((row) => row.value);
}
