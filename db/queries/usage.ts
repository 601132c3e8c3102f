// A tenant's usage per UTC day (tenant_usage; issue 13, item 4). The counters are added to inside the
// transaction of the work they count, so a rolled-back request or run is not counted; the snapshot
// columns are measured in the tenant's own scope (its Usage page). The superadmin console reads the
// meters through the platform_usage_read policy (migration 0018), never a tenant's other rows.
import "server-only";
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { rowsOf } from "../client";
import { credentials, memberships, tenantUsage, tenants } from "../schema";
import type { PlatformTx, TenantTx } from "../scopes";

/** Today in UTC as the database sees it (every app server agrees). */
const TODAY = sql`(now() at time zone 'utc')::date`;

/** Adds one API request to today's row of the tenant. */
export async function meterApiRequest(tx: TenantTx): Promise<void> {
  await tx
    .insert(tenantUsage)
    .values({ tenantId: tx.tenantId, day: TODAY, apiRequests: 1 })
    .onConflictDoUpdate({ target: [tenantUsage.tenantId, tenantUsage.day], set: { apiRequests: sql`${tenantUsage.apiRequests} + 1` } });
}

/**
 * Locks today's row of the tenant until commit (creating it), so concurrent flow runs of one tenant
 * check the 30-day quota one after another, and returns the flow runs of the last 30 days (today and
 * the 29 before it) per day, oldest first.
 */
export async function lockFlowRunDays(tx: TenantTx): Promise<{ day: string; flowRuns: number }[]> {
  await tx
    .insert(tenantUsage)
    .values({ tenantId: tx.tenantId, day: TODAY })
    .onConflictDoUpdate({ target: [tenantUsage.tenantId, tenantUsage.day], set: { flowRuns: sql`${tenantUsage.flowRuns}` } });
  return tx
    .select({ day: tenantUsage.day, flowRuns: tenantUsage.flowRuns })
    .from(tenantUsage)
    .where(and(eq(tenantUsage.tenantId, tx.tenantId), gte(tenantUsage.day, sql`${TODAY} - 29`), sql`${tenantUsage.flowRuns} > 0`))
    .orderBy(asc(tenantUsage.day));
}

/** Adds one flow run to today's row (after lockFlowRunDays). */
export async function meterFlowRun(tx: TenantTx): Promise<void> {
  await tx
    .update(tenantUsage)
    .set({ flowRuns: sql`${tenantUsage.flowRuns} + 1` })
    .where(and(eq(tenantUsage.tenantId, tx.tenantId), eq(tenantUsage.day, TODAY)));
}

/** The tenant's flow-run quota for 30 days (null: none). */
export async function flowRunQuotaOf(tx: TenantTx): Promise<number | null> {
  const [row] = await tx.select({ quota: tenants.flowRunsPer30Days }).from(tenants).where(eq(tenants.id, tx.tenantId));
  return row?.quota ?? null;
}

/**
 * Every table holding a tenant's rows, for the storage measure. tests/usage/usage.test.ts checks it
 * against the catalog, so a new tenant table cannot be left out.
 */
export const TENANT_TABLES = [
  "activity",
  "activity_terms",
  "api_keys",
  "approved_domains",
  "credentials",
  "data_table_rows",
  "data_tables",
  "flow_runs",
  "flows",
  "ip_allow_lists",
  "member_invitations",
  "memberships",
  "saml_configs",
  "saml_message_ids",
  "tenant_usage",
] as const;

/** How long a measurement of today stands before the Usage page measures again. */
const MEASURE_EVERY = sql`interval '1 hour'`;

/**
 * Measures the tenant's active members, credentials and the bytes of its rows into today's row,
 * unless they were measured within the hour (the bytes read every row the tenant has).
 */
export async function measureUsage(tx: TenantTx): Promise<void> {
  const [fresh] = await tx
    .select({ day: tenantUsage.day })
    .from(tenantUsage)
    .where(and(eq(tenantUsage.tenantId, tx.tenantId), eq(tenantUsage.day, TODAY), sql`${tenantUsage.measuredAt} > now() - ${MEASURE_EVERY}`));
  if (fresh) return;
  const [members] = await tx
    .select({ value: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.status, "active")));
  const [secrets] = await tx.select({ value: sql<number>`count(*)::int` }).from(credentials).where(eq(credentials.tenantId, tx.tenantId));
  // Table names from the constant list above, never from input.
  const perTable = TENANT_TABLES.map(
    (table) => sql`(select coalesce(sum(pg_column_size(t.*)), 0) from ${sql.raw(`"${table}"`)} t where t.tenant_id = ${tx.tenantId})`,
  );
  const [bytes] = rowsOf<{ value: string }>(await tx.execute(sql`select (${sql.join(perTable, sql` + `)})::bigint as value`));
  const measured = { activeMembers: members!.value, credentials: secrets!.value, storageBytes: Number(bytes!.value), measuredAt: sql`now()` };
  await tx
    .insert(tenantUsage)
    .values({ tenantId: tx.tenantId, day: TODAY, ...measured })
    .onConflictDoUpdate({ target: [tenantUsage.tenantId, tenantUsage.day], set: measured });
}

const dayColumns = {
  day: tenantUsage.day,
  apiRequests: tenantUsage.apiRequests,
  flowRuns: tenantUsage.flowRuns,
  activeMembers: tenantUsage.activeMembers,
  credentials: tenantUsage.credentials,
  storageBytes: tenantUsage.storageBytes,
};

function usageDays(tx: TenantTx | PlatformTx, tenantId: string, from: string, to: string) {
  return tx
    .select(dayColumns)
    .from(tenantUsage)
    .where(and(eq(tenantUsage.tenantId, tenantId), gte(tenantUsage.day, from), lte(tenantUsage.day, to)))
    .orderBy(asc(tenantUsage.day));
}

/** The tenant's recorded days from `from` to `to` (YYYY-MM-DD, inclusive), oldest first. */
export const listUsageDays = (tx: TenantTx, from: string, to: string) => usageDays(tx, tx.tenantId, from, to);

/** The same for any tenant, in the superadmin console (the monthly CSV). */
export const listTenantUsageDays = (tx: PlatformTx, tenantId: string, from: string, to: string) => usageDays(tx, tenantId, from, to);

export type UsageDay = Awaited<ReturnType<typeof listUsageDays>>[number];

/** Each listed tenant's API requests and flow runs from `from` to `to` (the /admin usage column). */
export async function usageTotals(tx: PlatformTx, tenantIds: string[], from: string, to: string) {
  if (tenantIds.length === 0) return new Map<string, { apiRequests: number; flowRuns: number }>();
  const rows = await tx
    .select({
      tenantId: tenantUsage.tenantId,
      apiRequests: sql<number>`sum(${tenantUsage.apiRequests})::int`,
      flowRuns: sql<number>`sum(${tenantUsage.flowRuns})::int`,
    })
    .from(tenantUsage)
    .where(and(inArray(tenantUsage.tenantId, tenantIds), gte(tenantUsage.day, from), lte(tenantUsage.day, to)))
    .groupBy(tenantUsage.tenantId);
  return new Map(rows.map((row) => [row.tenantId, { apiRequests: row.apiRequests, flowRuns: row.flowRuns }]));
}
