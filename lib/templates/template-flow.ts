// A tenant's flow made from a workspace template (issue 14, item 3): making it (a real flow row, its
// first version, and the use that links it to the template) and saving it after the tenant changed
// its overrides. Both run in the caller's tenant transaction (the write core's), so a refusal — the
// names taken, the template used already — leaves nothing written. Why the flow is a materialised row
// and how template changes reach it: db/queries/template-flows.ts.
import "server-only";
import type { TenantTx } from "@/db/scopes";
import type { Environment, FlowTemplate } from "@/db/schema";
import { insertFlow } from "@/db/queries/flows";
import { appendFlowVersion } from "@/db/queries/flow-versions";
import { insertFlowTemplateUse } from "@/db/queries/flow-templates";
import { freeTemplateFlowName, writeTemplateFlow } from "@/db/queries/template-flows";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { withUniqueFlowName } from "@/lib/flows/unique-flow-name";
import { effectiveFlow, type FlowTemplateOverrideRow } from "./effective-flow";
import { nameBesideFlow, templateFlowNamesTakenMessage } from "./template-flow-name";

type TemplateOf = Pick<FlowTemplate, "id" | "name" | "description" | "steps" | "updatedAt">;

/** Both the template's name and "<name> (template)" are other flows': refused on the Name field. */
const refuseTakenNames = (name: string): never => {
  const message = templateFlowNamesTakenMessage(name);
  throw new ActionError("CONFLICT", message, { name: [message] });
};

/**
 * Null when the tenant uses this template already (the caller refuses; the transaction rolls back).
 * The flow takes the template's name, or "<name> (template)" when a flow of the environment has that
 * (`besideFlow`); with both taken it is refused. The names are read in this transaction.
 */
export async function makeTemplateFlow(tx: TenantTx, template: TemplateOf, environment: Environment, createdBy: string | null, customName: string | null = null) {
  // The template's name by the "<name> (template)" rule, as "Use template" gives it (its first version
  // is the template's); where both are taken, a customised name (an imported customisation's) serves
  // instead of refusing, since the flow takes it with the next version anyway.
  const name = (await freeTemplateFlowName(tx, { environment }, template.name)) ?? customName ?? refuseTakenNames(template.name);
  const flow = await withUniqueFlowName(() => insertFlow(tx, { environment, name, steps: template.steps, createdBy }));
  await appendFlowVersion(tx, { environment, flowId: flow.id, name: flow.name, steps: flow.steps, reason: "saved", createdBy });
  const use = await insertFlowTemplateUse(tx, { templateId: template.id, environment, flowId: flow.id, templateSyncedAt: template.updatedAt, createdBy });
  return use ? { use, flow, besideFlow: name === nameBesideFlow(template.name) } : null;
}

/**
 * Writes the flow's effective name and steps after its overrides changed, as a new version. An
 * inherited name follows the rule of "Use template" (`besideFlow` when it became "<name> (template)").
 * With both names taken: refused when this save is what gives the flow the template's name
 * (`nameChanged`: a reset, a customised name given up); otherwise the flow keeps the name it has, as the
 * template sync does (db/queries/template-flows.ts), and the other fields are saved.
 */
export async function saveTemplateFlow(
  tx: TenantTx,
  use: FlowTemplateOverrideRow & { id: string; environment: Environment; flowId: string },
  template: TemplateOf,
  createdBy: string | null,
  options: { nameChanged: boolean },
) {
  const effective = effectiveFlow(template, use);
  const inherited = use.name === null;
  const name = inherited ? await freeTemplateFlowName(tx, { environment: use.environment, flowId: use.flowId }, template.name) : effective.name;
  if (name === null && options.nameChanged) refuseTakenNames(template.name);
  const saved = await withUniqueFlowName(() =>
    writeTemplateFlow(tx, use, { name: name ?? undefined, steps: effective.steps, templateUpdatedAt: template.updatedAt }, createdBy),
  );
  if (!saved) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return { ...saved, besideFlow: inherited && saved.name === nameBesideFlow(template.name) };
}
