import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { activity, platformActivity, tenants } from "../schema";
import { rowsOf } from "../client";
import type { Tx } from "../scopes";
import {
  dayConditions,
  exactTime,
  fetchPlannedPage,
  keysetCondition,
  listActivityActions,
  logConditions,
  selectList,
  type ActivityFilters,
} from "./activity";
import {
  NO_SEARCH,
  planSearch,
  searchWords,
  summaryHasWords,
  tenantHasWords,
  termSource,
  type PlannedWord,
  type SearchPlan,
  type SearchWord,
} from "./activity-search";
import { WALK_IN_TIME_ORDER, withPlannerSettings } from "./planner-settings";
import { compareNewestFirst, keysetPage, type ActivityKey, type KeysetPage } from "./keyset";

export type NewPlatformActivityEntry = typeof platformActivity.$inferInsert;

/** Appends to the platform log; call it in the same transaction as the change it records. */
export async function recordPlatformActivity(tx: Tx, entry: NewPlatformActivityEntry): Promise<void> {
  await tx.insert(platformActivity).values(entry);
}

/** The superadmin's view: every tenant's log and the platform log, or one of them, or one tenant. */
export interface PlatformWideFilters extends Pick<ActivityFilters, "actions" | "fromDay" | "toDay" | "search"> {
  tenantId?: string;
  log: "all" | "tenant" | "platform";
}

export interface PlatformWideRow {
  log: "tenant" | "platform";
  id: string;
  createdAt: string;
  /** The tenant the entry belongs to (tenant log) or is about (platform log). */
  tenantId: string | null;
  tenantName: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: string;
  ip: string | null;
}

const order = (table: typeof activity | typeof platformActivity, key: ActivityKey | undefined) =>
  key?.direction === "newer" ? [asc(table.createdAt), asc(table.id)] : [desc(table.createdAt), desc(table.id)];

const tenantLogColumns = selectList({
  id: activity.id,
  createdAt: exactTime(activity.createdAt),
  sortTime: activity.createdAt,
  tenantId: activity.tenantId,
  actorEmail: activity.actorEmail,
  action: activity.action,
  targetType: activity.targetType,
  targetId: activity.targetId,
  summary: activity.summary,
  ip: activity.ip,
});

type TenantLogRow = Omit<PlatformWideRow, "log" | "tenantName">;

/**
 * The search, worked out once per page: its words (tested on each entry of the platform log, a small
 * global table, and of every tenant's log) and, for one chosen tenant, the plan its own page would use.
 */
interface PlatformSearch {
  words: SearchWord[];
  tenantPlan: SearchPlan;
}

async function preparePlatformSearch(tx: Tx, filters: PlatformWideFilters): Promise<PlatformSearch> {
  if (!filters.search) return { words: [], tenantPlan: NO_SEARCH };
  const words = await searchWords(tx, filters.search);
  const tenantPlan = filters.tenantId && filters.log !== "platform" ? await planSearch(tx, filters.tenantId, filters.search) : NO_SEARCH;
  return { words, tenantPlan };
}

/** One tenant's log (withPlatform reads it, and its word index, through the superadmin_read policies), as its own page reads it. */
async function tenantLogPage(tx: Tx, filters: PlatformWideFilters, tenantId: string, plan: SearchPlan, key: ActivityKey | undefined, limit: number) {
  const rows = await fetchPlannedPage(tx, tenantId, filters, plan, key, limit);
  return rows.map(({ id, createdAt, actorEmail, action, targetType, targetId, summary, ip }): TenantLogRow => ({
    id, createdAt, tenantId, actorEmail, action, targetType, targetId, summary, ip,
  }));
}

/** Below this many entries with the driving word, a tenant's search reads the word index (see searchEveryTenant). */
const EVERY_TENANT_RARE_ENTRIES = 500;

const direction = (key: ActivityKey | undefined) => (key?.direction === "newer" ? sql`asc` : sql`desc`);

/**
 * Every tenant's log, newest first, without a cross-tenant time index: for each tenant, the keys of
 * its own newest `limit` matching rows (an ordered range of its time index; index-only when there is
 * no filter), the newest `limit` keys overall, then those rows. The cost grows with the number of
 * tenants, not of entries. (A time index across tenants would also be picked by the planner for a big
 * tenant's own queries, and read past every other tenant's rows there.)
 */
async function everyTenantLogPage(tx: Tx, filters: PlatformWideFilters, words: SearchWord[], key: ActivityKey | undefined, limit: number) {
  const dir = direction(key);
  const conditions: SQL[] = [sql`${activity.tenantId} = t.id`, ...logConditions(activity, filters)];
  if (key) conditions.push(keysetCondition(activity, key));
  const newestKeys = sql`select x.tenant_id, x.id from ${tenants} as t cross join lateral (${
    words.length
      ? searchEveryTenant(filters, words, conditions, key, limit)
      : sql`select ${activity.tenantId}, ${activity.id}, ${activity.createdAt} from ${activity} where ${and(...conditions)}
          order by ${activity.createdAt} ${dir}, ${activity.id} ${dir} limit ${limit}`
  }) as x order by x.created_at ${dir}, x.id ${dir} limit ${limit}`;
  const read = async () => rowsOf<{ tenant_id: string; id: string }>(await tx.execute(newestKeys));
  // The search's walks need the planner settings, which must not reach the statement below (see WALK_IN_TIME_ORDER).
  const keys = words.length ? await withPlannerSettings(tx, WALK_IN_TIME_ORDER, read) : await read();
  if (keys.length === 0) return [];
  const wanted = sql.join(keys.map((k) => sql`(${k.tenant_id}::uuid, ${k.id}::uuid)`), sql`, `);
  return rowsOf<TenantLogRow>(
    await tx.execute(sql`select ${tenantLogColumns} from (values ${wanted}) as wanted (tenant_id, id)
      join ${activity} on ${activity.tenantId} = wanted.tenant_id and ${activity.id} = wanted.id
      order by ${activity.createdAt} ${dir}, ${activity.id} ${dir}`),
  );
}

/**
 * One tenant's newest `limit` matches for a search, in the lateral of everyTenantLogPage. A thousand
 * tenants cannot each be planned from the application, so each tenant chooses in SQL, from one count:
 * the longest word (the likeliest to be rare) drives. Rare in this tenant (fewer than
 * EVERY_TENANT_RARE_ENTRIES entries): its entries from the word index, sorted, and looked up in
 * activity only when other words or actions must be checked; common: a walk of the tenant's log. The
 * choice is a condition on the count alone, which PostgreSQL checks once per tenant before running a
 * branch (a one-time filter). A tenant lacking one of the words is skipped after one index probe per word.
 */
function searchEveryTenant(filters: PlatformWideFilters, words: SearchWord[], conditions: SQL[], key: ActivityKey | undefined, limit: number): SQL {
  const dir = direction(key);
  const longest = words.reduce((a, b) => (b.word.length > a.word.length ? b : a));
  const driver: PlannedWord = { ...longest, entries: 0, onlyTerm: null };
  const rare = sql`driver_count.entries < ${EVERY_TENANT_RARE_ENTRIES}`;
  const gate = tenantHasWords(sql`t.id`, words);
  const source = termSource({
    tenant: sql`t.id`,
    plan: { kind: "terms", driver, others: [], probeBy: "lookup" },
    timeConditions: (createdAt) => dayConditions(createdAt, filters),
    key,
  });
  const others = summaryHasWords(activity.summary, words.filter((w) => w !== longest));
  const fromIndex =
    others.length === 0 && filters.actions.length === 0
      ? sql`select t.id as tenant_id, c.activity_id as id, c.created_at from (${source}) as c where ${and(rare, ...gate)}
          order by c.created_at ${dir}, c.activity_id ${dir} limit ${limit}`
      : sql`select e.tenant_id, e.id, e.created_at from (${source}) as c
          cross join lateral (select ${activity.tenantId}, ${activity.id}, ${activity.createdAt} from ${activity}
            where ${and(...conditions, sql`${activity.id} = c.activity_id`, ...others)} limit 1) as e
          where ${and(rare, ...gate)}
          order by c.created_at ${dir}, c.activity_id ${dir} limit ${limit}`;
  return sql`select x.* from (select count(*)::int as entries from (select 1 from activity_terms terms
        where terms.tenant_id = t.id and terms.term >= ${driver.word} and terms.term < ${driver.upper} limit ${EVERY_TENANT_RARE_ENTRIES}) as c) as driver_count
      cross join lateral (
        (${fromIndex})
        union all
        (select ${activity.tenantId}, ${activity.id}, ${activity.createdAt} from ${activity}
          where ${and(sql`not (${rare})`, ...gate, ...conditions, ...summaryHasWords(activity.summary, words))}
          order by ${activity.createdAt} ${dir}, ${activity.id} ${dir} limit ${limit})
      ) as x`;
}

/** Up to `limit` rows of each chosen log past `key`, merged in (created_at, id) order. */
async function fetchPlatformWide(
  tx: Tx,
  filters: PlatformWideFilters,
  search: PlatformSearch,
  key: ActivityKey | undefined,
  limit: number,
): Promise<PlatformWideRow[]> {
  const merged: PlatformWideRow[] = [];
  if (filters.log !== "platform") {
    const rows = filters.tenantId
      ? await tenantLogPage(tx, filters, filters.tenantId, search.tenantPlan, key, limit)
      : await everyTenantLogPage(tx, filters, search.words, key, limit);
    merged.push(...rows.map((row) => ({ ...row, log: "tenant" as const, tenantName: null })));
  }
  if (filters.log !== "tenant") {
    const conditions: SQL[] = [...logConditions(platformActivity, filters), ...summaryHasWords(platformActivity.summary, search.words)];
    if (filters.tenantId) conditions.push(eq(platformActivity.subjectTenantId, filters.tenantId));
    if (key) conditions.push(keysetCondition(platformActivity, key));
    const rows = await tx
      .select({
        id: platformActivity.id,
        createdAt: exactTime(platformActivity.createdAt),
        tenantId: platformActivity.subjectTenantId,
        tenantName: platformActivity.tenantName,
        actorEmail: platformActivity.actorEmail,
        action: platformActivity.action,
        summary: platformActivity.summary,
        ip: platformActivity.ip,
      })
      .from(platformActivity)
      .where(and(...conditions))
      .orderBy(...order(platformActivity, key))
      .limit(limit);
    merged.push(...rows.map((row) => ({ ...row, log: "platform" as const, targetType: row.tenantId ? "tenant" : null, targetId: row.tenantId })));
  }
  merged.sort(key?.direction === "newer" ? (a, b) => compareNewestFirst(b, a) : compareNewestFirst);
  return merged.slice(0, limit);
}

/** One page of the superadmin's view, newest first, with tenant names filled in. */
export async function listPlatformWidePage(
  tx: Tx,
  filters: PlatformWideFilters,
  options: { key?: ActivityKey; limit: number },
): Promise<KeysetPage<PlatformWideRow>> {
  const search = await preparePlatformSearch(tx, filters);
  const page = await keysetPage((key, limit) => fetchPlatformWide(tx, filters, search, key, limit), options.key, options.limit);
  const ids = [...new Set(page.rows.filter((row) => row.log === "tenant").map((row) => row.tenantId!))];
  const names = new Map(
    ids.length ? (await tx.select({ id: tenants.id, name: tenants.name }).from(tenants).where(inArray(tenants.id, ids))).map((t) => [t.id, t.name]) : [],
  );
  return { ...page, rows: page.rows.map((row) => (row.log === "tenant" ? { ...row, tenantName: names.get(row.tenantId!) ?? null } : row)) };
}

/** Every tenant, for the tenant filter. */
export function listTenantChoices(tx: Tx): Promise<{ id: string; name: string; slug: string }[]> {
  return tx.select({ id: tenants.id, name: tenants.name, slug: tenants.slug }).from(tenants).orderBy(asc(tenants.name));
}

/**
 * Action names to offer: the platform log's, plus the chosen tenant's (index skip scan), or without a
 * tenant those in the newest entries across tenants (a full distinct over every log would read them all).
 */
export async function listPlatformWideActions(tx: Tx, tenantId: string | undefined): Promise<string[]> {
  const platform = await tx.selectDistinct({ action: platformActivity.action }).from(platformActivity);
  const tenant = tenantId
    ? await listActivityActions(tx, tenantId)
    : rowsOf<{ action: string }>(
        await tx.execute(sql`select distinct action from (select action from activity order by created_at desc, id desc limit 1000) as recent`),
      ).map((row) => row.action);
  return [...new Set([...platform.map((row) => row.action), ...tenant])].sort();
}
