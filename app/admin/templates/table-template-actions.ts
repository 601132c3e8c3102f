"use server";

// Superadmins create, edit and delete table templates (issue 14, item 3), as they do flow templates
// (./actions.ts): workspace rows only the platform role may write, each change in the platform log. A
// change reaches every tenant's table made from the template wherever the tenant did not override it
// (lib/templates/effective-table.ts); a column removed or retyped here keeps the tenants' values.
import { z } from "zod";
import {
  deleteTableTemplate as deleteTemplateRow,
  findTableTemplate,
  insertTableTemplate,
  updateTableTemplate as updateTemplateRow,
} from "@/db/queries/table-templates";
import { platformAction } from "@/lib/actions/platform-action";
import { ActionError } from "@/lib/actions/core";
import { requireRow } from "@/lib/actions/require-row";
import { deleteUnusedTemplate, updateTemplateNamed } from "@/lib/templates/template-writes";
import { TableTemplateInput } from "@/lib/templates/table-template-input";
import { idInput } from "../inputs";

const nameTaken = (name: string) => new ActionError("CONFLICT", "Choose another name.", { name: [`A table template named "${name}" exists.`] });

export const createTableTemplate = platformAction({
  name: "table_template.created",
  input: TableTemplateInput,
  async run({ tx, superadmin, input }) {
    const row = await insertTableTemplate(tx, { ...input, createdByEmail: superadmin.email });
    if (!row) throw nameTaken(input.name);
    return {
      data: { id: row.id, name: row.name },
      activity: { action: "table_template.created", targetType: "table_template", targetId: row.id, summary: `Created the table template ${row.name}`, details: { ...input } },
    };
  },
});

export const updateTableTemplate = platformAction({
  name: "table_template.updated",
  input: z.intersection(TableTemplateInput, z.object({ templateId: idInput })),
  async run({ tx, input: { templateId, ...change } }) {
    const before = await requireRow(templateId, (id) => findTableTemplate(tx, id, { lock: "update" }));
    const row = await updateTemplateNamed(() => updateTemplateRow(tx, before.id, change), "table_templates_name", () => nameTaken(change.name));
    return {
      data: { id: row.id, name: row.name },
      activity: {
        action: "table_template.updated",
        targetType: "table_template",
        targetId: row.id,
        summary: `Updated the table template ${row.name}`,
        details: { from: { name: before.name, description: before.description, columns: before.columns }, to: change },
      },
    };
  },
});

export const deleteTableTemplate = platformAction({
  name: "table_template.deleted",
  input: z.object({ templateId: idInput }),
  async run({ tx, input }) {
    const row = await deleteUnusedTemplate(input.templateId, (id) => deleteTemplateRow(tx, id), "table_template_uses_template_id_table_templates_id_fk");
    return {
      data: { id: row.id },
      activity: { action: "table_template.deleted", targetType: "table_template", targetId: row.id, summary: `Deleted the table template ${row.name}` },
    };
  },
});
