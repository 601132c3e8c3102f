"use server";

// A tenant's use of a workspace flow template (issue 14, item 3), for callers with flows.write: use a
// template (a customisation row with nothing overridden), customise it, reset a field to the
// template's, remove the use. The template itself is read-only here (the runtime role cannot write it).
// A customisation id of another tenant, or a malformed one, is simply not found.
import { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import {
  deleteFlowTemplateUse,
  findFlowTemplate,
  findFlowTemplateUse,
  insertFlowTemplateUse,
  updateFlowTemplateUse,
  type FlowTemplateOverrides,
} from "@/db/queries/flow-templates";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { FlowIdInput, FlowNameInput } from "@/lib/flows/flow-input";
import { effectiveFlow, FIELD_LABELS, OVERRIDABLE_FIELDS } from "@/lib/templates/effective-flow";
import { ExtraStepsInput, TemplateDescriptionInput } from "@/lib/templates/template-input";

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
  input: z.object({ templateId: FlowIdInput }),
  async run({ tx, actor, input }) {
    const template = await requireRow(input.templateId, (id) => findFlowTemplate(tx, id));
    const use = await insertFlowTemplateUse(tx, { templateId: template.id, name: null, createdBy: actingUserId(actor) });
    if (!use) throw new ActionError("CONFLICT", `This tenant uses the template ${template.name} already.`);
    return {
      data: { id: use.id, name: template.name },
      activity: {
        action: "flow_template.used",
        targetType: "flow_template_use",
        targetId: use.id,
        summary: `${actor.user.email} used the flow template ${template.name}`,
        details: { templateId: template.id },
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
    const change: FlowTemplateOverrides = {
      name: input.name === template.name ? null : input.name,
      description: input.description === template.description ? null : input.description,
      extraSteps: input.extraSteps.length === 0 ? null : input.extraSteps,
    };
    const saved = await updateFlowTemplateUse(tx, use.id, change);
    if (!saved) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const changed = OVERRIDABLE_FIELDS.filter((field) => JSON.stringify(use[field]) !== JSON.stringify(saved[field]));
    if (changed.length === 0) return { data: { id: use.id }, activity: null, message: "Nothing changed." };
    const effective = effectiveFlow(template, saved);
    return {
      data: { id: use.id },
      message: "Saved.",
      activity: {
        action: "flow_template.customised",
        targetType: "flow_template_use",
        targetId: use.id,
        summary: `${actor.user.email} customised ${changed.map((field) => FIELD_LABELS[field].toLowerCase()).join(", ")} of the flow ${effective.name} (template ${template.name})`,
        details: { templateId: template.id, from: pick(use), to: pick(saved) },
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
    await updateFlowTemplateUse(tx, use.id, { [input.field]: null });
    return {
      data: { id: use.id },
      message: `${FIELD_LABELS[input.field]} reset to the template's.`,
      activity: {
        action: "flow_template.field_reset",
        targetType: "flow_template_use",
        targetId: use.id,
        summary: `${actor.user.email} reset ${FIELD_LABELS[input.field].toLowerCase()} of the flow ${effectiveFlow(template, use).name} to the template ${template.name}`,
        details: { templateId: template.id, field: input.field, was: use[input.field] },
      },
    };
  },
});

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
        summary: `${actor.user.email} stopped using the flow template ${template.name} (${effectiveFlow(template, use).name})`,
        details: { templateId: template.id, overrides: pick(use) },
      },
    };
  },
});
