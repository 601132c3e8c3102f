"use server";

// A tenant's use of a workspace flow template (issue 14, item 3), for callers with flows.write: use a
// template (a real flow of the tenant, counted by the flow cap, plus a customisation row with nothing
// overridden), customise it, reset a field to the template's, stop using it. Every save rewrites the
// flow's effective name and steps and makes a flow version (lib/templates/template-flow.ts). The
// template itself is read-only here (the runtime role cannot write it). A customisation id of another
// tenant, or a malformed one, is simply not found.
import { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import { deleteFlowTemplateUse, findFlowTemplate, findFlowTemplateUse, updateFlowTemplateUse, type FlowTemplateOverrides } from "@/db/queries/flow-templates";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { FlowIdInput, FlowNameInput } from "@/lib/flows/flow-input";
import { effectiveFlow, FIELD_LABELS, OVERRIDABLE_FIELDS } from "@/lib/templates/effective-flow";
import { ExtraStepsInput, TemplateDescriptionInput } from "@/lib/templates/template-input";
import { makeTemplateFlow, saveTemplateFlow } from "@/lib/templates/template-flow";
import { requireRoomForFlow } from "@/lib/flows/flow-cap";
import { EnvironmentInput, environmentOf } from "@/lib/flows/environments";
import { requireOwnConnections } from "@/lib/connections/flow-steps";
import { madeBesideFlowMessage, nameResetBesideFlowMessage, savedBesideFlowMessage } from "@/lib/templates/template-flow-name";

/** The customisation and its template, the customisation locked for a change. */
async function requireUse(tx: TenantTx, useId: string) {
  const use = await requireRow(useId, (id) => findFlowTemplateUse(tx, id, { lock: "update" }));
  const template = await findFlowTemplate(tx, use.templateId);
  if (!template) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return { use, template };
}

export const applyFlowTemplate = tenantAction({
  name: "flow_template.used",
  permission: "flows.write",
  // The flow it makes counts against the cap like a new flow: the tenant row stays locked until commit.
  lockTenant: true,
  input: z.object({ templateId: FlowIdInput, environment: EnvironmentInput }),
  async run({ tx, actor, input, tenant: capacity }) {
    const template = await requireRow(input.templateId, (id) => findFlowTemplate(tx, id));
    requireRoomForFlow(capacity);
    const made = await makeTemplateFlow(tx, template, environmentOf(input), actingUserId(actor));
    if (!made) throw new ActionError("CONFLICT", `This tenant uses the template ${template.name} already.`);
    const { use, flow, besideFlow } = made;
    return {
      // `besideFlow`: the flow is "<name> (template)"; the page it opens next says why (?made=beside-flow).
      data: { id: use.id, name: template.name, flowId: flow.id, flowName: flow.name, besideFlow },
      message: besideFlow ? madeBesideFlowMessage(template.name) : undefined,
      activity: {
        action: "flow_template.used",
        targetType: "flow_template_use",
        targetId: use.id,
        summary: `${actor.user.email} used the flow template ${template.name}${besideFlow ? `, as the flow ${flow.name}` : ""}`,
        details: { templateId: template.id, flowId: flow.id, environment: flow.environment },
      },
    };
  },
});

/**
 * Saves the form: a field whose value differs from the template's becomes the tenant's override; one
 * equal to the template's is not an override (it stays inherited and follows later template changes).
 */
export const customiseFlowTemplate = tenantAction({
  name: "flow_template.customised",
  permission: "flows.write",
  input: z.object({ useId: FlowIdInput, name: FlowNameInput, description: TemplateDescriptionInput.default(""), extraSteps: ExtraStepsInput }),
  async run({ tx, actor, input }) {
    const { use, template } = await requireUse(tx, input.useId);
    await requireOwnConnections(tx, input.extraSteps);
    const change: FlowTemplateOverrides = {
      name: input.name === template.name ? null : input.name,
      description: input.description === template.description ? null : input.description,
      extraSteps: input.extraSteps.length === 0 ? null : input.extraSteps,
    };
    const saved = await updateFlowTemplateUse(tx, use.id, change);
    if (!saved) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const changed = OVERRIDABLE_FIELDS.filter((field) => JSON.stringify(use[field]) !== JSON.stringify(saved[field]));
    if (changed.length === 0) return { data: { id: use.id }, activity: null, message: "Nothing changed." };
    const flow = await saveTemplateFlow(tx, saved, template, actingUserId(actor), { nameChanged: changed.includes("name") });
    return {
      data: { id: use.id },
      message: flow.besideFlow && changed.includes("name") ? savedBesideFlowMessage(template.name) : "Saved.",
      activity: {
        action: "flow_template.customised",
        targetType: "flow_template_use",
        targetId: use.id,
        summary: `${actor.user.email} customised ${changed.map((field) => FIELD_LABELS[field].toLowerCase()).join(", ")} of the flow ${flow.name} (template ${template.name})`,
        details: { templateId: template.id, flowId: flow.id, version: flow.version, from: pick(use), to: pick(saved) },
      },
    };
  },
});

const pick = (row: FlowTemplateOverrides) => ({ name: row.name, description: row.description, extraSteps: row.extraSteps });

export const resetFlowTemplateField = tenantAction({
  name: "flow_template.field_reset",
  permission: "flows.write",
  input: z.object({ useId: FlowIdInput, field: z.enum(OVERRIDABLE_FIELDS, { error: "Choose a field." }) }),
  async run({ tx, actor, input }) {
    const { use, template } = await requireUse(tx, input.useId);
    if (use[input.field] === null) return { data: { id: use.id }, activity: null, message: `${FIELD_LABELS[input.field]} is inherited already.` };
    const saved = await updateFlowTemplateUse(tx, use.id, { [input.field]: null });
    if (!saved) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const flow = await saveTemplateFlow(tx, saved, template, actingUserId(actor), { nameChanged: input.field === "name" });
    return {
      data: { id: use.id },
      message: input.field === "name" && flow.besideFlow ? nameResetBesideFlowMessage(template.name) : `${FIELD_LABELS[input.field]} reset to the template's.`,
      activity: {
        action: "flow_template.field_reset",
        targetType: "flow_template_use",
        targetId: use.id,
        summary: `${actor.user.email} reset ${FIELD_LABELS[input.field].toLowerCase()} of the flow ${effectiveFlow(template, use).name} to the template ${template.name}`,
        details: { templateId: template.id, flowId: flow.id, version: flow.version, field: input.field, was: use[input.field] },
      },
    };
  },
});

/**
 * "Stop using template" keeps the flow, as a plain flow of the tenant with the name and steps it has now:
 * its runs, versions, group scopes and package snapshots stay meaningful, and deleting a flow is its own
 * explicit action (Delete flow). Only the link to the template and the overrides go, so the flow no
 * longer follows template changes and can be renamed and edited like any flow.
 */
export const removeFlowTemplateUse = tenantAction({
  name: "flow_template.removed",
  permission: "flows.write",
  input: z.object({ useId: FlowIdInput }),
  async run({ tx, actor, input }) {
    const { use, template } = await requireUse(tx, input.useId);
    await deleteFlowTemplateUse(tx, use.id);
    return {
      data: { id: use.id },
      activity: {
        action: "flow_template.removed",
        targetType: "flow_template_use",
        targetId: use.id,
        summary: `${actor.user.email} stopped using the flow template ${template.name}; the flow ${effectiveFlow(template, use).name} stays as a plain flow`,
        details: { templateId: template.id, flowId: use.flowId, environment: use.environment, overrides: pick(use) },
      },
    };
  },
});
