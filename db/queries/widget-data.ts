// What a dashboard widget shows, read in the tenant's scope (withTenant: row-level security keeps
// every statement inside the tenant; the explicit tenant filters are the second wall and what the
// indexes lead with). Every read is bounded: a table's row count is the one its writes keep, sums and
// averages read at most AGGREGATE_ROWS_MAX rows, a chart reads one index range of at most 90 days,
// and a table reads at most 50 rows. Flow runs are the Production environment's (the runs that do the
// tenant's real work; Development runs are tries).
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import { dataTableRows, flowRuns, flows } from "../schema";
import type { TenantTx } from "../scopes";

/** The most rows a sum or an average reads (in insertion order); the widget says when it stopped there. */
export const AGGREGATE_ROWS_MAX = 100_000;

const PRODUCTION = "production";

/** Sum or average of a number column over the table's first AGGREGATE_ROWS_MAX rows (null: no values). */
export async function aggregateColumn(tx: TenantTx, tableId: string, column: string, measure: "sum" | "average"): Promise<number | null> {
  const value = sql`(${dataTableRows.values} -> ${column})`;
  const firstRows = tx
    .select({ value: sql`case when jsonb_typeof(${value}) = 'number' then (${value})::numeric end`.as("value") })
    .from(dataTableRows)
    .where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId)))
    .orderBy(asc(dataTableRows.seq))
    .limit(AGGREGATE_ROWS_MAX)
    .as("first_rows");
  const aggregate = measure === "sum" ? sql<string | null>`sum(${firstRows.value})::text` : sql<string | null>`avg(${firstRows.value})::text`;
  const [row] = await tx.select({ result: aggregate }).from(firstRows);
  return row?.result == null ? null : Number(row.result);
}

/** Production flow runs, all or of one status. */
export async function countFlowRuns(tx: TenantTx, status: string | null): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(flowRuns)
    .where(and(eq(flowRuns.tenantId, tx.tenantId), eq(flowRuns.environment, PRODUCTION), status ? eq(flowRuns.status, status) : undefined));
  return Number(row?.count ?? 0);
}

export type DayCounts = Map<string, number>;

const toCounts = (rows: { day: string | null; count: number }[]): DayCounts => new Map(rows.filter((row) => row.day).map((row) => [row.day!, Number(row.count)]));

/** Rows per UTC day (YYYY-MM-DD) from `since`, by when they were added (the created_at index range). */
export async function rowsPerDayAdded(tx: TenantTx, tableId: string, since: Date): Promise<DayCounts> {
  const day = sql<string>`to_char(${dataTableRows.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await tx
    .select({ day, count: sql<number>`count(*)::int` })
    .from(dataTableRows)
    .where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId), gte(dataTableRows.createdAt, since)))
    .groupBy(day);
  return toCounts(rows);
}

/**
 * Rows per day of a date column, the column at `position` (0-based) of the table: its sort key is the
 * date itself (YYYY-MM-DD, lib/data-tables/sort-keys.ts), read from that position's partial index.
 */
export async function rowsPerDayOfColumn(tx: TenantTx, tableId: string, position: number, from: string, to: string): Promise<DayCounts> {
  // The index's own expression and predicate, with the position as a literal (what lets the planner use it).
  const key = sql<string>`(${dataTableRows.sortKeys}[${sql.raw(String(position + 1))}])`;
  const rows = await tx
    .select({ day: key, count: sql<number>`count(*)::int` })
    .from(dataTableRows)
    .where(
      and(
        eq(dataTableRows.tenantId, tx.tenantId),
        eq(dataTableRows.tableId, tableId),
        sql`cardinality(${dataTableRows.sortKeys}) > ${sql.raw(String(position))}`,
        sql`${key} >= ${from}`,
        sql`${key} <= ${to}`,
      ),
    )
    .groupBy(key);
  return toCounts(rows);
}

/** Production flow runs per UTC day from `since`, by when they started. */
export async function runsPerDay(tx: TenantTx, since: Date): Promise<DayCounts> {
  const day = sql<string>`to_char(${flowRuns.startedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await tx
    .select({ day, count: sql<number>`count(*)::int` })
    .from(flowRuns)
    .where(and(eq(flowRuns.tenantId, tx.tenantId), eq(flowRuns.environment, PRODUCTION), gte(flowRuns.startedAt, since)))
    .groupBy(day);
  return toCounts(rows);
}

/** A table's first rows, in insertion order (the rows grid's default order). */
export function firstRows(tx: TenantTx, tableId: string, limit: number) {
  return tx
    .select({ id: dataTableRows.id, values: dataTableRows.values })
    .from(dataTableRows)
    .where(and(eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId)))
    .orderBy(asc(dataTableRows.seq))
    .limit(limit);
}

/** The latest Production flow runs, newest first, with their flow's name. */
export function latestRuns(tx: TenantTx, limit: number) {
  return tx
    .select({ id: flowRuns.id, flowName: flows.name, status: flowRuns.status, startedAt: flowRuns.startedAt, durationMs: flowRuns.durationMs })
    .from(flowRuns)
    .innerJoin(flows, and(eq(flows.tenantId, flowRuns.tenantId), eq(flows.environment, flowRuns.environment), eq(flows.id, flowRuns.flowId)))
    .where(and(eq(flowRuns.tenantId, tx.tenantId), eq(flowRuns.environment, PRODUCTION)))
    .orderBy(desc(flowRuns.startedAt), desc(flowRuns.id))
    .limit(limit);
}
