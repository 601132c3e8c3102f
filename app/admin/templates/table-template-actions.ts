"use server";

// Superadmins create, edit and delete table templates (issue 14, item 3), as they do flow templates
// (./actions.ts): workspace rows only the platform role may write, each change in the platform log. A
// change reaches every tenant's table made from the template wherever the tenant did not override it
// (lib/templates/effective-table.ts); a column removed or retyped here keeps the tenants' values.
import { z } from "zod";
import { isForeignKeyViolation, isUniqueViolation } from "@/db/errors";
import {
  deleteTableTemplate as deleteTemplateRow,
  findTableTemplate,
  insertTableTemplate,
  updateTableTemplate as updateTemplateRow,
} from "@/db/queries/table-templates";
import { platformAction } from "@/lib/actions/platform-action";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { requireRow } from "@/lib/actions/require-row";
import { TableTemplateInput } from "@/lib/templates/table-template-input";
import { TEMPLATE_IN_USE_MESSAGE } from "@/lib/templates/template-input";
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
    let row;
    try {
      row = await updateTemplateRow(tx, before.id, change);
    } catch (error) {
      if (isUniqueViolation(error, "table_templates_name")) throw nameTaken(change.name);
      throw error;
    }
    if (!row) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
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
    let row;
    try {
      row = await requireRow(input.templateId, (id) => deleteTemplateRow(tx, id));
    } catch (error) {
      // The foreign-key check sees every tenant's rows (it runs as the tables' owner); the console does not.
      if (isForeignKeyViolation(error, "table_template_uses_template_id_table_templates_id_fk")) throw new ActionError("CONFLICT", TEMPLATE_IN_USE_MESSAGE);
      throw error;
    }
    return {
      data: { id: row.id },
      activity: { action: "table_template.deleted", targetType: "table_template", targetId: row.id, summary: `Deleted the table template ${row.name}` },
    };
  },
});
