// Template-made flows (issue 14, item 3): a tenant's use of a workspace flow template is a real flow row
// holding the effective name and steps (template + the tenant's overrides), so every reader of flows —
// runs, versions, packages, the REST API, the cap — needs no special case. Two writers keep that row
// true, both inside the tenant's own transaction (the console never writes tenant rows):
//  - writeTemplateFlow: a customisation save (or reset) rewrites the row and appends a version;
//  - syncStaleTemplateFlows: lazily, before flows are read, any use whose template changed after the
//    flow last reflected it (flow_templates.updated_at > template_synced_at) is brought up to date, with
//    a "template_updated" version. One statement; the use row's lock makes a concurrent sync a no-op.
// Both, and "Use template", name the flow by one rule (freeTemplateFlowName): an inherited name another
// flow has already becomes "<name> (template)".
import { and, eq, sql, type SQL } from "drizzle-orm";
import { TEMPLATE_NAME_SUFFIX } from "@/lib/templates/effective-table";
import { rowsOf } from "../client";
import { flows, flowTemplates, flowTemplateUses, type Environment } from "../schema";
import type { TenantTx } from "../scopes";
import { appendFlowVersion } from "./flow-versions";

/** A template-made flow, as SQL: its tenant, environment and id (null for one not made yet). */
interface FlowKeySql {
  tenantId: SQL;
  environment: SQL;
  id: SQL | null;
}

/**
 * The name a template-made flow takes for the template's name it inherits, as one SQL expression (so the
 * sync applies it to many flows in one statement): the name itself when no other flow of the tenant's
 * environment has it (flow names are unique there), else "<name> (template)", as a template table is
 * named beside a table of the tenant's own (lib/templates/effective-table.ts); null when both are taken.
 */
function freeTemplateFlowNameSql(flow: FlowKeySql, name: SQL): SQL {
  const other = flow.id ? sql` and o.id <> ${flow.id}` : sql``;
  const taken = (candidate: SQL) =>
    sql`exists (select 1 from ${flows} o where o.tenant_id = ${flow.tenantId} and o.environment = ${flow.environment} and o.name = ${candidate}${other})`;
  const suffixed = sql`(${name} || ${TEMPLATE_NAME_SUFFIX}::text)`;
  return sql`case when not ${taken(name)} then ${name} when not ${taken(suffixed)} then ${suffixed} end`;
}

/**
 * The name a template-made flow of this environment takes for `name` (its template's), read in the
 * caller's transaction: `name`, or "<name> (template)" when another flow has `name`, or null when both
 * are taken. `flowId` is the flow itself (its own name is never in the way); none for a flow not made yet.
 * A flow that commits the name meanwhile still meets the unique constraint (withUniqueFlowName).
 */
export async function freeTemplateFlowName(tx: TenantTx, flow: { environment: Environment; flowId?: string }, name: string) {
  const key = { tenantId: sql`${tx.tenantId}::uuid`, environment: sql`${flow.environment}`, id: flow.flowId ? sql`${flow.flowId}::uuid` : null };
  const [row] = rowsOf<{ name: string | null }>(await tx.execute(sql`select ${freeTemplateFlowNameSql(key, sql`${name}::text`)} as name`));
  return row?.name ?? null;
}

/**
 * Brings the tenant's stale template-made flows up to date. An archived tenant is read-only: nothing is
 * written (its flows keep what they last synced). A template renamed to a name another flow of the
 * tenant has (in the same environment) cannot give the flow that name (flow names are unique): the flow
 * takes "<name> (template)" (freeTemplateFlowNameSql), so the rename shows instead of being lost; if
 * that is taken too, the flow keeps its current name. The next template change brings the plain name
 * once it is free.
 */
export async function syncStaleTemplateFlows(tx: TenantTx) {
  const freeName = freeTemplateFlowNameSql({ tenantId: sql`s.tenant_id`, environment: sql`s.environment`, id: sql`s.flow_id` }, sql`s.name`);
  await tx.execute(sql`
    with stale as (
      update ${flowTemplateUses} u set template_synced_at = t.updated_at
      from ${flowTemplates} t
      where u.tenant_id = ${tx.tenantId} and t.id = u.template_id and u.template_synced_at < t.updated_at
        and not exists (select 1 from tenants where id = ${tx.tenantId} and archived_at is not null)
      returning u.tenant_id, u.environment, u.flow_id, coalesce(u.name, t.name) as name, t.steps || coalesce(u.extra_steps, '[]'::jsonb) as steps
    ), resolved as (
      -- null: both names are taken, the flow keeps its own.
      select s.tenant_id, s.environment, s.flow_id, s.steps,
        ${freeName} as name
      from stale s
    ), changed as (
      update ${flows} f set name = coalesce(r.name, f.name), steps = r.steps, updated_at = now()
      from resolved r
      where f.tenant_id = r.tenant_id and f.environment = r.environment and f.id = r.flow_id
        and (f.name, f.steps) is distinct from (coalesce(r.name, f.name), r.steps)
      returning f.tenant_id, f.environment, f.id, f.name, f.steps
    )
    insert into flow_versions (tenant_id, environment, flow_id, version, name, steps, reason)
    select c.tenant_id, c.environment, c.id,
      (select coalesce(max(v.version), 0) + 1 from flow_versions v where v.tenant_id = c.tenant_id and v.environment = c.environment and v.flow_id = c.id),
      c.name, c.steps, 'template_updated'
    from changed c`);
}

/**
 * Writes a template-made flow's effective name and steps (a customisation save, a reset) and appends
 * the version it makes; null when the flow is gone. The caller holds the use's row lock. No `name`:
 * the flow keeps its own (its inherited name and "<name> (template)" are both other flows').
 */
export async function writeTemplateFlow(
  tx: TenantTx,
  use: { id: string; environment: Environment; flowId: string },
  effective: { name?: string; steps: string[]; templateUpdatedAt: Date },
  createdBy: string | null,
) {
  const [flow] = await tx
    .update(flows)
    .set({ ...(effective.name === undefined ? {} : { name: effective.name }), steps: effective.steps, updatedAt: sql`now()` })
    .where(and(eq(flows.tenantId, tx.tenantId), eq(flows.environment, use.environment), eq(flows.id, use.flowId)))
    .returning({ id: flows.id, environment: flows.environment, name: flows.name, steps: flows.steps });
  if (!flow) return null;
  await tx
    .update(flowTemplateUses)
    .set({ templateSyncedAt: effective.templateUpdatedAt })
    .where(and(eq(flowTemplateUses.tenantId, tx.tenantId), eq(flowTemplateUses.id, use.id)));
  const { version } = await appendFlowVersion(tx, { environment: flow.environment, flowId: flow.id, name: flow.name, steps: flow.steps, reason: "saved", createdBy });
  return { ...flow, version };
}

/** The use that made this flow (its template's name with it), or null for a plain flow. */
export async function findTemplateUseOfFlow(tx: TenantTx, environment: Environment, flowId: string) {
  const [row] = await tx
    .select({ useId: flowTemplateUses.id, templateId: flowTemplateUses.templateId, templateName: flowTemplates.name })
    .from(flowTemplateUses)
    .innerJoin(flowTemplates, eq(flowTemplates.id, flowTemplateUses.templateId))
    .where(and(eq(flowTemplateUses.tenantId, tx.tenantId), eq(flowTemplateUses.environment, environment), eq(flowTemplateUses.flowId, flowId)));
  return row ?? null;
}
