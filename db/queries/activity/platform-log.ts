import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { activity, platformActivity, tenants } from "../../schema";
import type { PlatformTx, TenantTx, Tx } from "../../scopes";
import { exactTime, keysetCondition, logConditions, type ActivityFilters } from "./sql";
import { fetchPlannedPage } from "./tenant-log";
import { NO_SEARCH, planSearch, searchWords, summaryHasWords, type SearchPlan, type SearchWord } from "./search";
import { compareNewestFirst, keysetPage, type ActivityKey, type KeysetPage } from "./keyset";

export type NewPlatformActivityEntry = typeof platformActivity.$inferInsert;

/** Appends to the platform log; call it in the same transaction as the change it records. */
export async function recordPlatformActivity(tx: Tx, entry: NewPlatformActivityEntry): Promise<void> {
  await tx.insert(platformActivity).values(entry);
}

/**
 * The superadmin's view: the platform log (about the tenant `tenantId` when given), and/or the log of
 * the one tenant the transaction has entered (its TenantTx). Without an entered tenant only the
 * platform log is read.
 */
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

type TenantLogRow = Omit<PlatformWideRow, "log" | "tenantName">;

/**
 * The search, worked out once per page: its words (tested on each entry of the platform log, a small
 * global table) and, for the chosen tenant, the plan its own page would use.
 */
interface PlatformSearch {
  words: SearchWord[];
  tenantPlan: SearchPlan;
}

async function preparePlatformSearch(tx: Tx, entered: TenantTx | null, filters: PlatformWideFilters): Promise<PlatformSearch> {
  if (!filters.search) return { words: [], tenantPlan: NO_SEARCH };
  const words = await searchWords(tx, filters.search);
  const tenantPlan = entered && filters.log !== "platform" ? await planSearch(entered, filters.search) : NO_SEARCH;
  return { words, tenantPlan };
}

/** One tenant's log (withPlatform reads it, and its word index, once it has entered the tenant), as its own page reads it. */
async function tenantLogPage(tx: TenantTx, filters: PlatformWideFilters, plan: SearchPlan, key: ActivityKey | undefined, limit: number) {
  const rows = await fetchPlannedPage(tx, filters, plan, key, limit);
  return rows.map(({ id, createdAt, actorEmail, action, targetType, targetId, summary, ip }): TenantLogRow => ({
    id, createdAt, tenantId: tx.tenantId, actorEmail, action, targetType, targetId, summary, ip,
  }));
}

/** Up to `limit` rows of each chosen log past `key`, merged in (created_at, id) order. */
async function fetchPlatformWide(
  tx: Tx,
  entered: TenantTx | null,
  filters: PlatformWideFilters,
  search: PlatformSearch,
  key: ActivityKey | undefined,
  limit: number,
): Promise<PlatformWideRow[]> {
  const merged: PlatformWideRow[] = [];
  // One tenant's log at a time, never all of them: the caller has entered that tenant (which recorded
  // the read in its log), and without that PostgreSQL shows no rows anyway (migration 0011).
  if (filters.log !== "platform" && entered) {
    const rows = await tenantLogPage(entered, filters, search.tenantPlan, key, limit);
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

/**
 * One page of the superadmin's view, newest first, with tenant names filled in. `entered` is the
 * transaction in the tenant withPlatform's enterTenant entered (whose log is read), or null.
 */
export async function listPlatformWidePage(
  tx: PlatformTx,
  entered: TenantTx | null,
  filters: PlatformWideFilters,
  options: { key?: ActivityKey; limit: number },
): Promise<KeysetPage<PlatformWideRow>> {
  const search = await preparePlatformSearch(tx, entered, filters);
  const page = await keysetPage((key, limit) => fetchPlatformWide(tx, entered, filters, search, key, limit), options.key, options.limit);
  const ids = [...new Set(page.rows.filter((row) => row.log === "tenant").map((row) => row.tenantId!))];
  const names = new Map(
    ids.length ? (await tx.select({ id: tenants.id, name: tenants.name }).from(tenants).where(inArray(tenants.id, ids))).map((t) => [t.id, t.name]) : [],
  );
  return { ...page, rows: page.rows.map((row) => (row.log === "tenant" ? { ...row, tenantName: names.get(row.tenantId!) ?? null } : row)) };
}

/** Every tenant, for the tenant filter. */
export function listTenantChoices(tx: PlatformTx): Promise<{ id: string; name: string; slug: string }[]> {
  return tx.select({ id: tenants.id, name: tenants.name, slug: tenants.slug }).from(tenants).orderBy(asc(tenants.name));
}
