// Flow templates (issue 14, item 3). Templates are global: superadmins write them (PlatformTx: only the
// platform role may, migration 0030), every tenant scope reads them. A tenant's customisations
// (flow_template_uses) are tenant rows under forced row-level security, filtered by tenant here too.
import { and, asc, eq, sql } from "drizzle-orm";
import type { PlatformTx, TenantTx, Tx } from "../scopes";
import { flows, flowTemplates, flowTemplateUses, type Environment } from "../schema";

export interface FlowTemplateFields {
  name: string;
  description: string;
  steps: string[];
}

/** Null when the name is taken (any case). */
export async function insertFlowTemplate(tx: PlatformTx, template: FlowTemplateFields & { createdByEmail: string }) {
  const [row] = await tx.insert(flowTemplates).values(template).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateFlowTemplate(tx: PlatformTx, id: string, change: FlowTemplateFields) {
  const [row] = await tx
    .update(flowTemplates)
    .set({ ...change, updatedAt: sql`now()` })
    .where(eq(flowTemplates.id, id))
    .returning();
  return row ?? null;
}

export async function deleteFlowTemplate(tx: PlatformTx, id: string) {
  const [row] = await tx.delete(flowTemplates).where(eq(flowTemplates.id, id)).returning({ id: flowTemplates.id, name: flowTemplates.name });
  return row ?? null;
}

export async function findFlowTemplate(tx: Tx, id: string, options: { lock?: "update" } = {}) {
  const query = tx.select().from(flowTemplates).where(eq(flowTemplates.id, id));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  return row ?? null;
}

export function listFlowTemplates(tx: Tx) {
  return tx.select().from(flowTemplates).orderBy(asc(sql`lower(${flowTemplates.name})`), asc(flowTemplates.id));
}

// A tenant's customisations.

const useColumns = {
  id: flowTemplateUses.id,
  templateId: flowTemplateUses.templateId,
  name: flowTemplateUses.name,
  description: flowTemplateUses.description,
  extraSteps: flowTemplateUses.extraSteps,
  environment: flowTemplateUses.environment,
  flowId: flowTemplateUses.flowId,
  createdAt: flowTemplateUses.createdAt,
  updatedAt: flowTemplateUses.updatedAt,
};

/** Null when this tenant uses the template already. The flow is the one made from it (lib/templates/template-flow.ts). */
export async function insertFlowTemplateUse(
  tx: TenantTx,
  use: { templateId: string; environment: Environment; flowId: string; templateSyncedAt: Date; createdBy: string | null },
) {
  const [row] = await tx
    .insert(flowTemplateUses)
    .values({ ...use, tenantId: tx.tenantId })
    .onConflictDoNothing()
    .returning(useColumns);
  return row ?? null;
}

export async function findFlowTemplateUse(tx: TenantTx, id: string, options: { lock?: "update" } = {}) {
  const query = tx
    .select(useColumns)
    .from(flowTemplateUses)
    .where(and(eq(flowTemplateUses.tenantId, tx.tenantId), eq(flowTemplateUses.id, id)));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  return row ?? null;
}

/** The overrides to write: a field set to null goes back to the template's. */
export type FlowTemplateOverrides = Partial<{ name: string | null; description: string | null; extraSteps: string[] | null }>;

export async function updateFlowTemplateUse(tx: TenantTx, id: string, change: FlowTemplateOverrides) {
  const [row] = await tx
    .update(flowTemplateUses)
    .set({ ...change, updatedAt: sql`now()` })
    .where(and(eq(flowTemplateUses.tenantId, tx.tenantId), eq(flowTemplateUses.id, id)))
    .returning(useColumns);
  return row ?? null;
}

export async function deleteFlowTemplateUse(tx: TenantTx, id: string) {
  const [row] = await tx
    .delete(flowTemplateUses)
    .where(and(eq(flowTemplateUses.tenantId, tx.tenantId), eq(flowTemplateUses.id, id)))
    .returning(useColumns);
  return row ?? null;
}

/**
 * The tenant's customisations, each with its template and its flow's name (joined: read at the same
 * moment). The flow's name is the one it has, "<name> (template)" beside another flow of the template's
 * name (db/queries/template-flows.ts); as fresh as the last sync (listFlows runs one).
 */
export function listFlowTemplateUses(tx: TenantTx) {
  return tx
    .select({
      use: useColumns,
      template: { id: flowTemplates.id, name: flowTemplates.name, description: flowTemplates.description, steps: flowTemplates.steps, updatedAt: flowTemplates.updatedAt },
      flowName: flows.name,
    })
    .from(flowTemplateUses)
    .innerJoin(flowTemplates, eq(flowTemplates.id, flowTemplateUses.templateId))
    .innerJoin(flows, and(eq(flows.tenantId, flowTemplateUses.tenantId), eq(flows.environment, flowTemplateUses.environment), eq(flows.id, flowTemplateUses.flowId)))
    .where(eq(flowTemplateUses.tenantId, tx.tenantId))
    .orderBy(asc(flowTemplateUses.createdAt), asc(flowTemplateUses.id));
}
