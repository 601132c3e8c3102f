// Flows and their runs (withTenant scope). Row-level security already limits every statement to the
// scope's tenant; the explicit tenant filters are the second wall and what the indexes lead with.
import { and, asc, count, desc, eq, ilike, inArray, sql } from "drizzle-orm";
import { flowRuns, flows, flowTemplates, flowTemplateUses, tenantGroupFlows, tenants, users, type Environment, type FlowRunLogEntry } from "../schema";
import type { TenantTx } from "../scopes";
import { readPageAndTotal } from "../read-together";
import { keepGroupFlowsOnAnotherCopy } from "./group-flows";
import { containsPattern } from "./search";
import { syncStaleTemplateFlows } from "./template-flows";

export const FLOW_SORTS = ["name", "createdAt", "updatedAt"] as const;
export type FlowSort = (typeof FLOW_SORTS)[number];

const SORT_COLUMNS = { name: flows.name, createdAt: flows.createdAt, updatedAt: flows.updatedAt } as const;

export interface FlowListQuery {
  /** Flows of one environment only (Production when not given: where the flows made before environments live). */
  environment?: Environment;
  search?: string;
  sort: FlowSort;
  dir: "asc" | "desc";
  page: number;
  size: number;
}

const flowColumns = {
  id: flows.id,
  environment: flows.environment,
  name: flows.name,
  steps: flows.steps,
  createdAt: flows.createdAt,
  updatedAt: flows.updatedAt,
};

/**
 * A page of an environment's flows; a flow made from a workspace template names its template and the
 * use (for the list's "From template" mark). Template-made flows are brought up to date first.
 */
export async function listFlows(tx: TenantTx, query: FlowListQuery) {
  await syncStaleTemplateFlows(tx);
  const where = and(eq(flows.tenantId, tx.tenantId), eq(flows.environment, query.environment ?? "production"), query.search ? ilike(flows.name, containsPattern(query.search)) : undefined);
  const order = query.dir === "desc" ? desc : asc;
  return readPageAndTotal(
    tx,
    () =>
      tx
        .select({ ...flowColumns, templateUseId: flowTemplateUses.id, templateName: flowTemplates.name })
        .from(flows)
        .leftJoin(
          flowTemplateUses,
          and(eq(flowTemplateUses.tenantId, flows.tenantId), eq(flowTemplateUses.environment, flows.environment), eq(flowTemplateUses.flowId, flows.id)),
        )
        .leftJoin(flowTemplates, eq(flowTemplates.id, flowTemplateUses.templateId))
        .where(where)
        .orderBy(order(SORT_COLUMNS[query.sort]), asc(flows.id))
        .limit(query.size)
        .offset((query.page - 1) * query.size),
    () => tx.select({ value: count() }).from(flows).where(where),
  );
}

/** The environment a query means: Production unless named (the REST API's flows are Production's). */
const environmentOf = (options: { environment?: Environment }) => options.environment ?? "production";
const inEnvironment = (options: { environment?: Environment }, flowId: string) =>
  and(eq(flows.environment, environmentOf(options)), eq(flows.id, flowId));

/**
 * One flow of an environment; `lock: "share"` keeps it from being changed or deleted until commit, "update"
 * locks it for a change. This is where every runner, versioner, packager and API route reads a flow's
 * steps, so a template-made flow is brought up to date with its template here first.
 */
export async function findFlow(tx: TenantTx, flowId: string, options: { lock?: "share" | "update"; environment?: Environment } = {}) {
  await syncStaleTemplateFlows(tx);
  const query = tx
    .select(flowColumns)
    .from(flows)
    .where(and(eq(flows.tenantId, tx.tenantId), inEnvironment(options, flowId)));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  return row ?? null;
}

/** The tenant's flow count, cap, name and member count, for the flows page and for runs. */
export async function flowCapacityOf(tx: TenantTx) {
  const [row] = await tx
    .select({ flowCount: tenants.flowCount, flowCap: tenants.flowCap, name: tenants.name, memberCount: tenants.memberCount })
    .from(tenants)
    .where(eq(tenants.id, tx.tenantId));
  return row ?? null;
}

export async function insertFlow(tx: TenantTx, flow: { id?: string; environment?: Environment; name: string; steps: string[]; createdBy: string | null }) {
  const [row] = await tx.insert(flows).values({ ...flow, tenantId: tx.tenantId }).returning(flowColumns);
  return row!;
}

export async function renameFlow(tx: TenantTx, flowId: string, name: string, options: { environment?: Environment } = {}) {
  return updateFlow(tx, flowId, { name }, options);
}

/** Changes a flow's name and/or steps (a save; its version is the caller's to record). */
export async function updateFlow(tx: TenantTx, flowId: string, change: { name?: string; steps?: string[] }, options: { environment?: Environment } = {}) {
  const [row] = await tx
    .update(flows)
    .set({ ...change, updatedAt: sql`now()` })
    .where(and(eq(flows.tenantId, tx.tenantId), inEnvironment(options, flowId)))
    .returning(flowColumns);
  return row ?? null;
}

/** Deletes one environment's copy of a flow; groups narrowed to the flow keep it while another environment has it. */
export async function deleteFlow(tx: TenantTx, flowId: string, options: { environment?: Environment } = {}) {
  const pointing = await tx
    .select({ groupId: tenantGroupFlows.groupId })
    .from(tenantGroupFlows)
    .where(and(eq(tenantGroupFlows.tenantId, tx.tenantId), eq(tenantGroupFlows.environment, environmentOf(options)), eq(tenantGroupFlows.flowId, flowId)));
  const [row] = await tx
    .delete(flows)
    .where(and(eq(flows.tenantId, tx.tenantId), inEnvironment(options, flowId)))
    .returning(flowColumns);
  if (row) await keepGroupFlowsOnAnotherCopy(tx, flowId, pointing.map((scope) => scope.groupId));
  return row ?? null;
}

export async function insertFlowRun(
  tx: TenantTx,
  run: {
    environment?: Environment;
    flowId: string;
    status: string;
    triggeredBy: string | null;
    log: FlowRunLogEntry[];
    durationMs: number;
    startedAt: Date;
    finishedAt: Date;
  },
) {
  const [row] = await tx.insert(flowRuns).values({ ...run, tenantId: tx.tenantId }).returning({ id: flowRuns.id });
  return row!;
}

/** The newest run of each of these flows (for the list's "Last run" column). */
export async function lastRunsOf(tx: TenantTx, flowIds: string[], options: { environment?: Environment } = {}) {
  if (flowIds.length === 0) return new Map<string, { status: string; startedAt: Date }>();
  const rows = await tx
    .selectDistinctOn([flowRuns.flowId], { flowId: flowRuns.flowId, status: flowRuns.status, startedAt: flowRuns.startedAt })
    .from(flowRuns)
    .where(and(eq(flowRuns.tenantId, tx.tenantId), eq(flowRuns.environment, environmentOf(options)), inArray(flowRuns.flowId, flowIds)))
    .orderBy(flowRuns.flowId, desc(flowRuns.startedAt), desc(flowRuns.id));
  return new Map(rows.map(({ flowId, ...run }) => [flowId, run]));
}

/** Where a page of runs ends: the last run's start time (full precision, as PostgreSQL prints it) and id. */
export interface RunCursor {
  startedAt: string;
  id: string;
}

/**
 * A flow's runs, newest first, one page after the cursor (keyset paging: runs grow without bound).
 * Asks for one row more than the page to know whether an older page exists.
 */
export async function listRunsOfFlow(tx: TenantTx, flowId: string, options: { after?: RunCursor; limit: number; environment?: Environment }) {
  const after = options.after
    ? sql`(${flowRuns.startedAt}, ${flowRuns.id}) < (${options.after.startedAt}::timestamptz, ${options.after.id}::uuid)`
    : undefined;
  const rows = await tx
    .select({
      id: flowRuns.id,
      status: flowRuns.status,
      log: flowRuns.log,
      durationMs: flowRuns.durationMs,
      startedAt: flowRuns.startedAt,
      cursorStartedAt: sql<string>`${flowRuns.startedAt}::text`,
      triggeredByEmail: users.email,
    })
    .from(flowRuns)
    .leftJoin(users, eq(users.id, flowRuns.triggeredBy))
    .where(and(eq(flowRuns.tenantId, tx.tenantId), eq(flowRuns.environment, environmentOf(options)), eq(flowRuns.flowId, flowId), after))
    .orderBy(desc(flowRuns.startedAt), desc(flowRuns.id))
    .limit(options.limit + 1);
  const runs = rows.slice(0, options.limit);
  const last = runs.at(-1);
  const next = rows.length > options.limit && last ? { startedAt: last.cursorStartedAt, id: last.id } : null;
  return { runs, next };
}
