// A tenant's flow made from a workspace template (issue 14, item 3): making it (a real flow row, its
// first version, and the use that links it to the template) and saving it after the tenant changed
// its overrides. Both run in the caller's tenant transaction (the write core's), so a refusal — the
// name taken, the template used already — leaves nothing written. Why the flow is a materialised row
// and how template changes reach it: db/queries/template-flows.ts.
import "server-only";
import type { TenantTx } from "@/db/scopes";
import type { Environment, FlowTemplate } from "@/db/schema";
import { insertFlow } from "@/db/queries/flows";
import { appendFlowVersion } from "@/db/queries/flow-versions";
import { insertFlowTemplateUse } from "@/db/queries/flow-templates";
import { writeTemplateFlow } from "@/db/queries/template-flows";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { withUniqueFlowName } from "@/lib/flows/unique-flow-name";
import { effectiveFlow, type FlowTemplateOverrideRow } from "./effective-flow";

type TemplateOf = Pick<FlowTemplate, "id" | "name" | "description" | "steps" | "updatedAt">;

/** Null when the tenant uses this template already (the caller refuses; the transaction rolls back). */
export async function makeTemplateFlow(tx: TenantTx, template: TemplateOf, environment: Environment, createdBy: string | null) {
  const flow = await withUniqueFlowName(() => insertFlow(tx, { environment, name: template.name, steps: template.steps, createdBy }));
  await appendFlowVersion(tx, { environment, flowId: flow.id, name: flow.name, steps: flow.steps, reason: "saved", createdBy });
  const use = await insertFlowTemplateUse(tx, { templateId: template.id, environment, flowId: flow.id, templateSyncedAt: template.updatedAt, createdBy });
  return use ? { use, flow } : null;
}

/** Writes the flow's effective name and steps after its overrides changed, as a new version. */
export async function saveTemplateFlow(
  tx: TenantTx,
  use: FlowTemplateOverrideRow & { id: string; environment: Environment; flowId: string },
  template: TemplateOf,
  createdBy: string | null,
) {
  const effective = effectiveFlow(template, use);
  const saved = await withUniqueFlowName(() => writeTemplateFlow(tx, use, { name: effective.name, steps: effective.steps, templateUpdatedAt: template.updatedAt }, createdBy));
  if (!saved) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return saved;
}
