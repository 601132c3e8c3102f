import { and, asc, desc, eq, gte, ilike, inArray, lt, sql, type SQL } from "drizzle-orm";
import { unionAll, type AnyPgColumn } from "drizzle-orm/pg-core";
import { activity, memberships, users } from "../schema";
import { rowsOf } from "../client";
import type { Tx } from "../scopes";
import { keysetPage, type ActivityKey, type KeysetPage } from "./keyset";

export type { ActivityKey } from "./keyset";

export interface NewActivityEntry {
  tenantId: string;
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
export async function recordActivity(tx: Tx, entry: NewActivityEntry): Promise<void> {
  await tx.insert(activity).values({
    tenantId: entry.tenantId,
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
  /** Substring of the summary, case-insensitive. */
  search?: string;
}

// created_at with its microseconds, in UTC: the cursor must compare equal to the stored value, which
// a JavaScript Date (milliseconds) cannot guarantee.
export const exactTime = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** LIKE treats % _ and \ as special; a search for "50%" means the text "50%". */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

type LogColumns = { action: AnyPgColumn; createdAt: AnyPgColumn; summary: AnyPgColumn };

/** The conditions every log (tenant and platform) shares: actions, UTC days, summary text. */
export function logConditions(log: LogColumns, filters: Pick<ActivityFilters, "actions" | "fromDay" | "toDay" | "search">): SQL[] {
  const conditions: SQL[] = [];
  if (filters.actions.length === 1) conditions.push(eq(log.action, filters.actions[0]!));
  if (filters.actions.length > 1) conditions.push(inArray(log.action, filters.actions));
  // Calendar days in UTC, computed by PostgreSQL from the date: [from 00:00 UTC, to + 1 day 00:00 UTC).
  if (filters.fromDay) conditions.push(gte(log.createdAt, sql`(${filters.fromDay}::date)::timestamp at time zone 'UTC'`));
  if (filters.toDay) conditions.push(lt(log.createdAt, sql`(${filters.toDay}::date + 1)::timestamp at time zone 'UTC'`));
  if (filters.search) conditions.push(ilike(log.summary, `%${escapeLike(filters.search)}%`));
  return conditions;
}

/**
 * The WHERE clause of a tenant log query. Every condition but the search uses a leakproof operator
 * (uuid and text equality, timestamp comparison), so under row-level security PostgreSQL can still
 * use it as an index condition; the summary search (ILIKE, not leakproof) is applied as a filter
 * after the policy, to rows the index already narrowed and ordered (see bench/activity.ts).
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

/**
 * The page query: up to `limit` rows past `key`, newest first when reading older (and for the first
 * page), oldest first when reading newer (keysetPage reverses). ORDER BY matches the indexes'
 * (created_at DESC, id DESC), so a filter reads one index range and stops at the limit.
 *
 * Several actions: one branch per action, each an ordered range of the (tenant, action, time) index
 * cut at the limit, merged by UNION ALL. An IN list over that index would not come out in time order
 * (a sort of every matching row), and the time index would read past all the other actions' rows.
 */
export function activityPageQuery(tx: Tx, tenantId: string, filters: ActivityFilters, key: ActivityKey | undefined, limit: number) {
  const order = key?.direction === "newer" ? [asc(activity.createdAt), asc(activity.id)] : [desc(activity.createdAt), desc(activity.id)];
  const branch = (actions: string[]) => {
    const conditions = activityConditions(tenantId, { ...filters, actions });
    if (key) conditions.push(keysetCondition(activity, key));
    return tx.select(entryColumns).from(activity).where(and(...conditions)).orderBy(...order).limit(limit);
  };
  if (filters.actions.length <= 1) return branch(filters.actions);
  const [first, second, ...rest] = filters.actions.map((action) => branch([action]));
  return unionAll(first!, second!, ...rest)
    .orderBy(...order)
    .limit(limit);
}

/**
 * Runs the page query. With a text search it first adjusts two planner settings, for this query only:
 * ILIKE is not leakproof, so under row-level security the trigram index cannot serve it, and the
 * planner, which guesses that few rows match a pattern, then prefers reading every entry of the
 * tenant and sorting them (and, costing that high, compiles the query with JIT: ~10 ms). Walking the
 * time index newest first and stopping at the limit is what we want: a common word fills the page
 * after a few hundred entries. A rare one still reads the whole log unless From/To narrow it
 * (bench/activity.ts measures both).
 */
export async function fetchActivityPage(tx: Tx, tenantId: string, filters: ActivityFilters, key: ActivityKey | undefined, limit: number) {
  if (!filters.search) return activityPageQuery(tx, tenantId, filters, key, limit);
  const [previous] = rowsOf<{ sort: string; jit: string }>(
    await tx.execute(sql`select current_setting('enable_sort') as sort, current_setting('jit') as jit,
      set_config('enable_sort', 'off', true), set_config('jit', 'off', true)`),
  );
  try {
    return await activityPageQuery(tx, tenantId, filters, key, limit);
  } finally {
    await tx.execute(sql`select set_config('enable_sort', ${previous!.sort}, true), set_config('jit', ${previous!.jit}, true)`);
  }
}

/** One page of a tenant's log, newest first, with the keys of the neighbouring pages. */
export function listActivityPage(
  tx: Tx,
  tenantId: string,
  filters: ActivityFilters,
  options: { key?: ActivityKey; limit: number },
): Promise<KeysetPage<ActivityRow>> {
  return keysetPage((key, limit) => fetchActivityPage(tx, tenantId, filters, key, limit), options.key, options.limit);
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
 * days: PostgreSQL buckets (date_trunc in UTC) and lists the days (generate_series over dates).
 */
export async function countActivityPerDay(
  tx: Tx,
  tenantId: string,
  filters: ActivityFilters,
  range: { fromDay: string; toDay: string },
): Promise<{ day: string; count: number }[]> {
  const conditions = activityConditions(tenantId, { ...filters, fromDay: range.fromDay, toDay: range.toDay });
  const bucket = sql`date_trunc('day', ${activity.createdAt}, 'UTC')`;
  const counts = tx
    .select({ day: sql<string>`to_char(${bucket}, 'YYYY-MM-DD')`.as("day"), count: sql<number>`count(*)::int`.as("count") })
    .from(activity)
    .where(and(...conditions))
    .groupBy(bucket)
    .as("counts");
  const result = await tx.execute(sql`
    select to_char(d, 'YYYY-MM-DD') as day, coalesce(${counts.count}, 0)::int as count
    from generate_series(${range.fromDay}::date, ${range.toDay}::date, interval '1 day') as d
    left join ${counts} on ${counts.day} = to_char(d, 'YYYY-MM-DD')
    order by d`);
  return rowsOf<{ day: string; count: number }>(result);
}

/**
 * The distinct action names in a tenant's log, by walking the (tenant, action, ...) index one value
 * at a time (a "skip scan"): a few dozen index probes, however many entries there are.
 */
export async function listActivityActions(tx: Tx, tenantId: string): Promise<string[]> {
  return distinctValues(tx, tenantId, "action");
}

/** The distinct target types in a tenant's log (skip scan on the target index). */
export async function listActivityTargetTypes(tx: Tx, tenantId: string): Promise<string[]> {
  return distinctValues(tx, tenantId, "target_type");
}

async function distinctValues(tx: Tx, tenantId: string, column: "action" | "target_type"): Promise<string[]> {
  const name = sql.identifier(column);
  const result = await tx.execute(sql`
    with recursive walk(value) as (
      (select ${name} from activity where tenant_id = ${tenantId} and ${name} is not null order by ${name} limit 1)
      union all
      select (select a.${name} from activity a where a.tenant_id = ${tenantId} and a.${name} > walk.value order by a.${name} limit 1)
      from walk where walk.value is not null
    )
    select value from walk where value is not null`);
  return rowsOf<{ value: string }>(result).map((row) => row.value);
}

/** The tenant's members as actor choices, by email. */
export async function listActivityActors(tx: Tx, tenantId: string): Promise<{ id: string; email: string }[]> {
  return tx
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(users.email));
}
