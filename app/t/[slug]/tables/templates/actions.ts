"use server";

// A tenant's use of a workspace table template (issue 14, item 3), for callers with tables.write: use a
// template (the tenant's own data table, nothing overridden), customise it (table name, column labels,
// extra columns), reset a field to the template's, stop using it (the table stays, as it reads now).
// The template itself is read-only here (the runtime role cannot write it). A use id of another
// tenant, or a malformed one, is simply not found.
import { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import { findDataTable, insertDataTable, keepColumnsStored, ownTableHasName, renameDataTable } from "@/db/queries/data-tables";
import {
  deleteTableTemplateUse,
  findTableTemplate,
  findTableTemplateUseOfTable,
  insertTableTemplateUse,
  updateTableTemplateUse,
  type TableTemplateOverrides,
} from "@/db/queries/table-templates";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { MAX_COLUMNS } from "@/lib/data-tables/column-rules";
import { requireRoomForTable } from "@/lib/data-tables/limits";
import { DataIdInput } from "@/lib/data-tables/table-input";
import { withUniqueTableName } from "@/lib/data-tables/unique-table-name";
import { effectiveTable, storedColumns } from "@/lib/templates/effective-table";
import { CustomiseTableTemplateInput } from "@/lib/templates/table-template-input";

/** The template table of this use, locked (its stored columns may be brought up to date), with its use and template. */
async function requireUse(tx: TenantTx, tableId: string) {
  const table = await requireRow(tableId, (id) => findDataTable(tx, id, { lock: "no key update" }));
  const found = table.template && (await findTableTemplateUseOfTable(tx, table.id));
  if (!found) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return { table, ...found };
}

export const applyTableTemplate = tenantAction({
  name: "table_template.used",
  permission: "tables.write",
  // The tenant row stays locked until commit: the license's table limit, as for a new table.
  lockTenant: true,
  input: z.object({ templateId: DataIdInput }),
  async run({ tx, actor, input, tenant }) {
    const template = await requireRow(input.templateId, (id) => findTableTemplate(tx, id));
    await requireRoomForTable(tx, tenant.license);
    const effective = effectiveTable(template, { name: null, columnLabels: null, extraColumns: null }, []);
    const table = await withUniqueTableName(() => insertDataTable(tx, { name: effective.name, columns: storedColumns(effective.columns), createdBy: actingUserId(actor) }));
    const use = await insertTableTemplateUse(tx, { templateId: template.id, tableId: table.id, createdBy: actingUserId(actor) });
    if (!use) throw new ActionError("CONFLICT", `This tenant uses the template ${template.name} already.`);
    return {
      data: { id: table.id, name: template.name },
      activity: {
        action: "table_template.used",
        targetType: "data_table",
        targetId: table.id,
        summary: `${actor.user.email} made the table ${table.name} from the table template ${template.name}`,
        details: { templateId: template.id, useId: use.id },
      },
    };
  },
});

const pick = (row: TableTemplateOverrides) => ({ name: row.name, columnLabels: row.columnLabels, extraColumns: row.extraColumns });

/**
 * Saves the form: a value that differs from the template's becomes the tenant's override; one equal
 * to the template's is not an override (it stays inherited and follows later template changes).
 */
export const customiseTableTemplate = tenantAction({
  name: "table_template.customised",
  permission: "tables.write",
  input: CustomiseTableTemplateInput,
  async run({ tx, actor, input }) {
    const { table, use, template } = await requireUse(tx, input.tableId);
    const columnLabels = Object.fromEntries(
      template.columns.flatMap((column) => {
        const label = input.labels[column.key];
        return label !== undefined && label !== column.name ? [[column.key, label]] : [];
      }),
    );
    const extraColumns = input.columns;
    if (template.columns.length + extraColumns.length > MAX_COLUMNS) {
      throw new ActionError("VALIDATION", "Please correct the highlighted fields.", { columns: [`A table has at most ${MAX_COLUMNS} columns: the template has ${template.columns.length}.`] });
    }
    if (input.name !== template.name && (await ownTableHasName(tx, input.name, table.id))) {
      throw new ActionError("VALIDATION", "Please correct the highlighted fields.", { name: ["A table with this name already exists in this tenant."] });
    }
    const change: TableTemplateOverrides = {
      name: input.name === template.name ? null : input.name,
      columnLabels: Object.keys(columnLabels).length ? columnLabels : null,
      extraColumns: extraColumns.length ? extraColumns : null,
    };
    const effective = effectiveTable(template, { name: change.name ?? null, columnLabels: change.columnLabels ?? null, extraColumns: change.extraColumns ?? null }, table.columns);
    const names = effective.columns.map((column) => column.name.toLowerCase());
    if (new Set(names).size !== names.length) throw new ActionError("VALIDATION", "Please correct the highlighted fields.", { columns: ["Give each column a different name."] });
    const saved = await updateTableTemplateUse(tx, use.id, change);
    if (!saved) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    await keepColumnsStored(tx, { id: table.id, columns: storedColumns(table.columns) }, effective.columns);
    if (JSON.stringify(pick(use)) === JSON.stringify(pick(saved))) return { data: { id: table.id }, activity: null, message: "Nothing changed." };
    return {
      data: { id: table.id },
      message: "Saved.",
      activity: {
        action: "table_template.customised",
        targetType: "data_table",
        targetId: table.id,
        summary: `${actor.user.email} customised the table ${effective.name} (template ${template.name})`,
        details: { templateId: template.id, from: pick(use), to: pick(saved) },
      },
    };
  },
});

/** "name", "extraColumns", or "label.<template column key>". */
const ResetFieldInput = z.string().regex(/^(name|extraColumns|label\.[a-z0-9]{1,16})$/, "Choose a field.");

export const resetTableTemplateField = tenantAction({
  name: "table_template.field_reset",
  permission: "tables.write",
  input: z.object({ tableId: DataIdInput, field: ResetFieldInput }),
  async run({ tx, actor, input }) {
    const { table, use, template } = await requireUse(tx, input.tableId);
    let change: TableTemplateOverrides;
    if (input.field === "name" || input.field === "extraColumns") {
      if (use[input.field] === null) return { data: { id: table.id }, activity: null, message: "Inherited already." };
      change = { [input.field]: null };
    } else {
      const key = input.field.slice("label.".length);
      if (use.columnLabels?.[key] === undefined) return { data: { id: table.id }, activity: null, message: "Inherited already." };
      const rest = Object.fromEntries(Object.entries(use.columnLabels).filter(([labelled]) => labelled !== key));
      change = { columnLabels: Object.keys(rest).length ? rest : null };
    }
    const saved = (await updateTableTemplateUse(tx, use.id, change))!;
    // Extra columns reset are kept in the table, as removed columns, with their values.
    await keepColumnsStored(tx, { id: table.id, columns: storedColumns(table.columns) }, effectiveTable(template, saved, storedColumns(table.columns)).columns);
    return {
      data: { id: table.id },
      message: "Reset to the template's.",
      activity: {
        action: "table_template.field_reset",
        targetType: "data_table",
        targetId: table.id,
        summary: `${actor.user.email} reset a field of the table ${table.name} to the template ${template.name}`,
        details: { templateId: template.id, field: input.field, from: pick(use) },
      },
    };
  },
});

/** The table stays, as it reads now (name and columns stored, rows untouched), as a table of the tenant's own. */
export const removeTableTemplateUse = tenantAction({
  name: "table_template.removed",
  permission: "tables.write",
  input: z.object({ tableId: DataIdInput }),
  async run({ tx, actor, input }) {
    const { table, use, template } = await requireUse(tx, input.tableId);
    await deleteTableTemplateUse(tx, use.id);
    await withUniqueTableName(() => renameDataTable(tx, table.id, table.name));
    return {
      data: { id: table.id },
      activity: {
        action: "table_template.removed",
        targetType: "data_table",
        targetId: table.id,
        summary: `${actor.user.email} stopped using the table template ${template.name} for the table ${table.name}`,
        details: { templateId: template.id, overrides: pick(use) },
      },
    };
  },
});
