import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { activity, platformActivity, tenants } from "../schema";
import { rowsOf } from "../client";
import type { Tx } from "../scopes";
import { exactTime, keysetCondition, listActivityActions, logConditions, type ActivityFilters } from "./activity";
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

const tenantLogColumns = sql`${activity.id} as "id", ${exactTime(activity.createdAt)} as "createdAt", ${activity.createdAt} as "sortTime",
  ${activity.tenantId} as "tenantId", ${activity.actorEmail} as "actorEmail", ${activity.action} as "action",
  ${activity.targetType} as "targetType", ${activity.targetId} as "targetId", ${activity.summary} as "summary", ${activity.ip} as "ip"`;

type TenantLogRow = Omit<PlatformWideRow, "log" | "tenantName">;

function tenantLogWhere(filters: PlatformWideFilters, key: ActivityKey | undefined, tenant: SQL) {
  const conditions: SQL[] = [sql`${activity.tenantId} = ${tenant}`, ...logConditions(activity, filters)];
  if (key) conditions.push(keysetCondition(activity, key));
  return and(...conditions)!;
}

const direction = (key: ActivityKey | undefined) => (key?.direction === "newer" ? sql`asc` : sql`desc`);

/** One tenant's log (withPlatform reads it through the superadmin_read policy). */
async function tenantLogPage(tx: Tx, filters: PlatformWideFilters, tenantId: string, key: ActivityKey | undefined, limit: number) {
  const result = await tx.execute(sql`select ${tenantLogColumns} from ${activity} where ${tenantLogWhere(filters, key, sql`${tenantId}`)}
    order by ${activity.createdAt} ${direction(key)}, ${activity.id} ${direction(key)} limit ${limit}`);
  return rowsOf<TenantLogRow>(result);
}

/**
 * Every tenant's log, newest first, without a cross-tenant time index: for each tenant, the keys of
 * its own newest `limit` matching rows (an ordered range of its time index; index-only when there is
 * no filter), the newest `limit` keys overall, then those rows. The cost grows with the number of
 * tenants, not of entries. (A time index across tenants would also be picked by the planner for a big
 * tenant's own queries, and read past every other tenant's rows there.)
 */
async function everyTenantLogPage(tx: Tx, filters: PlatformWideFilters, key: ActivityKey | undefined, limit: number) {
  const dir = direction(key);
  const result = await tx.execute(sql`select ${tenantLogColumns} from (
      select x.tenant_id, x.id from ${tenants} as t cross join lateral (
        select ${activity.tenantId}, ${activity.id}, ${activity.createdAt} from ${activity} where ${tenantLogWhere(filters, key, sql`t.id`)}
        order by ${activity.createdAt} ${dir}, ${activity.id} ${dir} limit ${limit}
      ) as x
      order by x.created_at ${dir}, x.id ${dir} limit ${limit}
    ) as newest
    join ${activity} on ${activity.tenantId} = newest.tenant_id and ${activity.id} = newest.id
    order by ${activity.createdAt} ${dir}, ${activity.id} ${dir}`);
  return rowsOf<TenantLogRow>(result);
}

/** Up to `limit` rows of each chosen log past `key`, merged in (created_at, id) order. */
async function fetchPlatformWide(tx: Tx, filters: PlatformWideFilters, key: ActivityKey | undefined, limit: number): Promise<PlatformWideRow[]> {
  const merged: PlatformWideRow[] = [];
  if (filters.log !== "platform") {
    const rows = filters.tenantId ? await tenantLogPage(tx, filters, filters.tenantId, key, limit) : await everyTenantLogPage(tx, filters, key, limit);
    merged.push(...rows.map((row) => ({ ...row, log: "tenant" as const, tenantName: null })));
  }
  if (filters.log !== "tenant") {
    const conditions: SQL[] = logConditions(platformActivity, filters);
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
  const page = await keysetPage((key, limit) => fetchPlatformWide(tx, filters, key, limit), options.key, options.limit);
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
