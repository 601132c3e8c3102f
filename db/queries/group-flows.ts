// The flows a custom group narrowed to "Only these flows" applies to (tenant scope). A flow is named by
// its id in every environment (db/schema/groups.ts); the row keeps the copy that was picked, preferably
// Production's, for its foreign key. Every query is bounded: a tenant may have thousands of flows.
import { and, asc, eq, ilike, inArray, sql } from "drizzle-orm";
import { flows, tenantGroupFlows } from "../schema";
import type { TenantTx } from "../scopes";
import { readPageAndTotal } from "../read-together";
import { containsPattern } from "./search";

/** Production first, then Staging, then Development: which copy of a flow a pick points at. */
const environmentPreference = sql`case ${flows.environment} when 'production' then 0 when 'staging' then 1 else 2 end`;

/** The group's flows by name (at most `limit`), with how many it names in all. */
export async function listGroupFlows(tx: TenantTx, groupId: string, limit = 200) {
  const where = and(eq(tenantGroupFlows.tenantId, tx.tenantId), eq(tenantGroupFlows.groupId, groupId));
  return readPageAndTotal(
    tx,
    () =>
      tx
        .select({ id: tenantGroupFlows.flowId, name: flows.name, environment: flows.environment })
        .from(tenantGroupFlows)
        .innerJoin(flows, and(eq(flows.tenantId, tenantGroupFlows.tenantId), eq(flows.environment, tenantGroupFlows.environment), eq(flows.id, tenantGroupFlows.flowId)))
        .where(where)
        .orderBy(asc(flows.name), asc(flows.id))
        .limit(limit),
    () => tx.select({ value: sql<number>`count(*)::int` }).from(tenantGroupFlows).where(where),
  );
}

/** Flows whose name contains `search` that the group does not name yet, one per flow id, by name (at most `limit`). */
export async function searchFlowsOutsideGroup(tx: TenantTx, groupId: string, search: string, limit = 20) {
  const candidates = tx
    .selectDistinctOn([flows.id], { id: flows.id, name: flows.name, environment: flows.environment })
    .from(flows)
    .where(
      and(
        eq(flows.tenantId, tx.tenantId),
        search ? ilike(flows.name, containsPattern(search)) : undefined,
        sql`not exists (select 1 from ${tenantGroupFlows} s where s.tenant_id = ${flows.tenantId} and s.group_id = ${groupId} and s.flow_id = ${flows.id})`,
      ),
    )
    .orderBy(flows.id, environmentPreference)
    .as("candidates");
  return tx.select().from(candidates).orderBy(asc(candidates.name), asc(candidates.id)).limit(limit);
}

/** Adds the flow (any environment's copy, Production's first) to the group; its name, or null when no such flow; `added` false when it was there. */
export async function insertGroupFlow(tx: TenantTx, groupId: string, flowId: string): Promise<{ name: string; added: boolean } | null> {
  const [flow] = await tx
    .select({ name: flows.name, environment: flows.environment })
    .from(flows)
    .where(and(eq(flows.tenantId, tx.tenantId), eq(flows.id, flowId)))
    .orderBy(environmentPreference)
    .limit(1);
  if (!flow) return null;
  const rows = await tx
    .insert(tenantGroupFlows)
    .values({ tenantId: tx.tenantId, groupId, flowId, environment: flow.environment })
    .onConflictDoNothing()
    .returning({ flowId: tenantGroupFlows.flowId });
  return { name: flow.name, added: rows.length > 0 };
}

/** The ids of every flow the group names (an import replaces the list). */
export async function groupFlowIds(tx: TenantTx, groupId: string): Promise<string[]> {
  const rows = await tx
    .select({ flowId: tenantGroupFlows.flowId })
    .from(tenantGroupFlows)
    .where(and(eq(tenantGroupFlows.tenantId, tx.tenantId), eq(tenantGroupFlows.groupId, groupId)));
  return rows.map((row) => row.flowId);
}

/** Takes these flows out of the group (an import replacing its list); how many it named. */
export async function deleteGroupFlows(tx: TenantTx, groupId: string, flowIds: readonly string[]): Promise<number> {
  if (flowIds.length === 0) return 0;
  const rows = await tx
    .delete(tenantGroupFlows)
    .where(and(eq(tenantGroupFlows.tenantId, tx.tenantId), eq(tenantGroupFlows.groupId, groupId), inArray(tenantGroupFlows.flowId, [...flowIds])))
    .returning({ flowId: tenantGroupFlows.flowId });
  return rows.length;
}

/** Takes the flow out of the group; its name when it was there, else null. */
export async function deleteGroupFlow(tx: TenantTx, groupId: string, flowId: string): Promise<string | null> {
  const [row] = await tx
    .delete(tenantGroupFlows)
    .where(and(eq(tenantGroupFlows.tenantId, tx.tenantId), eq(tenantGroupFlows.groupId, groupId), eq(tenantGroupFlows.flowId, flowId)))
    .returning({ environment: tenantGroupFlows.environment });
  if (!row) return null;
  const [flow] = await tx.select({ name: flows.name }).from(flows).where(and(eq(flows.tenantId, tx.tenantId), eq(flows.environment, row.environment), eq(flows.id, flowId)));
  return flow?.name ?? flowId;
}

/**
 * A flow keeps its id across environments, and a narrowed group names it by id: when the copy a
 * group's row points at is deleted (its foreign key cascades), the row is made again on a copy that
 * remains (Production's first), so the group keeps the flow while any environment has it. Called by
 * deleteFlow with the groups whose rows pointed at the deleted copy.
 */
export async function keepGroupFlowsOnAnotherCopy(tx: TenantTx, flowId: string, groupIds: string[]): Promise<void> {
  if (groupIds.length === 0) return;
  const [copy] = await tx
    .select({ environment: flows.environment })
    .from(flows)
    .where(and(eq(flows.tenantId, tx.tenantId), eq(flows.id, flowId)))
    .orderBy(environmentPreference)
    .limit(1);
  if (!copy) return;
  await tx
    .insert(tenantGroupFlows)
    .values(groupIds.map((groupId) => ({ tenantId: tx.tenantId, groupId, flowId, environment: copy.environment })))
    .onConflictDoNothing();
}

