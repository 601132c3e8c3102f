// The SQL every activity query shares (the tenant log's page and chart, the superadmin's view): the
// filters' conditions, the exact time a cursor compares, the keyset condition, and how a statement
// written in SQL runs. Imports nothing else of this folder, so every module here can build on it.
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { activity } from "../../schema";
import { rowsOf } from "../../client";
import type { Tx } from "../../scopes";
import type { ActivityKey } from "./keyset";
import { withPlannerSettings, type PlannerSettings } from "./planner-settings";

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
  /** Words that must each start a word of the summary, any case (see search.ts). */
  search?: string;
}

// created_at with its microseconds, in UTC: the cursor must compare equal to the stored value, which
// a JavaScript Date (milliseconds) cannot guarantee.
export const exactTime = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

type LogColumns = { action: AnyPgColumn; createdAt: AnyPgColumn };
/** The first instant of a UTC calendar day, from an SQL date expression. */
export const dayStart = (day: SQL) => sql`(${day})::timestamp at time zone 'UTC'`;

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


/** Runs a statement, with planner settings when it needs them. */
export async function runStatement<T>(tx: Tx, statement: { query: SQL; settings: PlannerSettings | null }): Promise<T[]> {
  const run = async () => rowsOf<T>(await tx.execute(statement.query));
  return statement.settings ? withPlannerSettings(tx, statement.settings, run) : run();
}

