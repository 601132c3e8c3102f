// A tenant's log: writing an entry, and reading it a page at a time (the page, the CSV export), with
// the Action and Target filters' options.
import { and, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { activity } from "../../schema";
import { rowsOf } from "../../client";
import type { TenantTx } from "../../scopes";
import { keysetPage, type ActivityKey, type KeysetPage } from "./keyset";
import { WALK_IN_TIME_ORDER, type PlannerSettings } from "./planner-settings";
import { lookupConditions, planSearch, summaryHasWords, termSource, termSourceSettings, type SearchPlan, type TermsPlan } from "./search";
import { activityConditions, dayConditions, exactTime, keysetCondition, runStatement, selectList, type ActivityFilters, type ActivityRow } from "./sql";

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
 * The page query driven by the word index (see search.ts): the driver word's entries in
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

/** Up to `limit` rows past `key` (see activityPageQuery for the order), for a planned search. */
export async function fetchPlannedPage(
  tx: TenantTx,
  filters: ActivityFilters,
  plan: SearchPlan,
  key: ActivityKey | undefined,
  limit: number,
): Promise<ActivityRow[]> {
  const planned = plannedPageQuery(tx.tenantId, filters, plan, key, limit);
  return planned ? runStatement<ActivityRow>(tx, planned) : [];
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

/** The activity filter's choices: the distinct actions and target types in the tenant's log. */
export interface ActivityFilterValues {
  actions: string[];
  targetTypes: string[];
}

/**
 * The distinct action names and target types in a tenant's log, each by walking its (tenant, column,
 * ...) index one value at a time (a "skip scan"): a few dozen index probes, however many entries
 * there are. Both walks in one statement (one round trip for the filter's choices).
 */
export async function listActivityFilterValues(tx: TenantTx): Promise<ActivityFilterValues> {
  const result = await tx.execute(sql`
    with recursive ${distinctWalk(tx, "actions", "action")}, ${distinctWalk(tx, "target_types", "target_type")}
    select 'action' as kind, value from actions where value is not null
    union all
    select 'target_type', value from target_types where value is not null
    order by kind, value`);
  const rows = rowsOf<{ kind: "action" | "target_type"; value: string }>(result);
  return {
    actions: rows.filter((row) => row.kind === "action").map((row) => row.value),
    targetTypes: rows.filter((row) => row.kind === "target_type").map((row) => row.value),
  };
}

/** A recursive query named `name` that walks the tenant's distinct values of `column` in order (the last row null). */
function distinctWalk(tx: TenantTx, name: string, column: "action" | "target_type") {
  const value = sql.identifier(column);
  return sql`${sql.identifier(name)}(value) as (
      (select ${value} from activity where tenant_id = ${tx.tenantId} and ${value} is not null order by ${value} limit 1)
      union all
      select (select a.${value} from activity a where a.tenant_id = ${tx.tenantId} and a.${value} > walk.value order by a.${value} limit 1)
      from ${sql.identifier(name)} walk where walk.value is not null
    )`;
}
