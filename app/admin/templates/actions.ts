"use server";

// Superadmins create, edit and delete flow templates (issue 14, item 3): workspace rows only the
// platform role may write (migration 0030), each change in the platform log. A change reaches every
// tenant at once wherever the tenant did not override the field (lib/templates/effective-flow.ts).
// A template a tenant uses is not deleted: the refusal says so (the tenant removes its use first).
import { z } from "zod";
import { deleteFlowTemplate as deleteTemplateRow, findFlowTemplate, insertFlowTemplate, updateFlowTemplate as updateTemplateRow } from "@/db/queries/flow-templates";
import { platformAction } from "@/lib/actions/platform-action";
import { ActionError } from "@/lib/actions/core";
import { requireRow } from "@/lib/actions/require-row";
import { deleteUnusedTemplate, updateTemplateNamed } from "@/lib/templates/template-writes";
import { FlowTemplateInput } from "@/lib/templates/template-input";
import { idInput } from "../inputs";

const nameTaken = (name: string) => new ActionError("CONFLICT", "Choose another name.", { name: [`A flow template named "${name}" exists.`] });

export const createFlowTemplate = platformAction({
  name: "flow_template.created",
  input: FlowTemplateInput,
  async run({ tx, superadmin, input }) {
    const row = await insertFlowTemplate(tx, { ...input, createdByEmail: superadmin.email });
    if (!row) throw nameTaken(input.name);
    return {
      data: { id: row.id, name: row.name },
      activity: { action: "flow_template.created", targetType: "flow_template", targetId: row.id, summary: `Created the flow template ${row.name}`, details: { ...input } },
    };
  },
});

export const updateFlowTemplate = platformAction({
  name: "flow_template.updated",
  input: FlowTemplateInput.extend({ templateId: idInput }),
  async run({ tx, input: { templateId, ...change } }) {
    const before = await requireRow(templateId, (id) => findFlowTemplate(tx, id, { lock: "update" }));
    const row = await updateTemplateNamed(() => updateTemplateRow(tx, before.id, change), "flow_templates_name", () => nameTaken(change.name));
    return {
      data: { id: row.id, name: row.name },
      activity: {
        action: "flow_template.updated",
        targetType: "flow_template",
        targetId: row.id,
        summary: `Updated the flow template ${row.name}`,
        details: { from: { name: before.name, description: before.description, steps: before.steps }, to: change },
      },
    };
  },
});

export const deleteFlowTemplate = platformAction({
  name: "flow_template.deleted",
  input: z.object({ templateId: idInput }),
  async run({ tx, input }) {
    const row = await deleteUnusedTemplate(input.templateId, (id) => deleteTemplateRow(tx, id), "flow_template_uses_template_id_flow_templates_id_fk");
    return {
      data: { id: row.id },
      activity: { action: "flow_template.deleted", targetType: "flow_template", targetId: row.id, summary: `Deleted the flow template ${row.name}` },
    };
  },
});
