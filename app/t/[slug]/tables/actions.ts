"use server";

// Data tables: create, rename, delete a table; add, edit, delete its rows (Editors and Admins:
// tables.write). The tenant is the URL's; a table or row id from another tenant, or a malformed one,
// is simply not found. Values are checked against the table's columns as they are now.
import { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import {
  deleteDataTable,
  deleteRow as deleteRowRecord,
  findDataTable,
  findRow,
  insertDataTable,
  insertRow,
  renameDataTable,
  updateRow,
} from "@/db/queries/data-tables";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { withUniqueTableName } from "@/lib/data-tables/unique-table-name";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { CreateTableInput, DataIdInput, TableNameInput } from "@/lib/data-tables/table-input";
import { requireRoomForRows, requireRoomForTable } from "@/lib/data-tables/limits";
import { parseRowValues } from "@/lib/data-tables/row-values";

// Locked for a row write: the table cannot be deleted, and its row count is changed by one writer at a time.
const requireTable = (tx: TenantTx, tableId: string, options?: { lock?: "no key update" }) => requireRow(tableId, (id) => findDataTable(tx, id, options));


/**
 * What adding and editing a row both start with: the table, locked so it is not deleted under the
 * write, and the form's values checked against its columns as they are now (VALIDATION, with the
 * message under each field, when one does not fit).
 */
async function tableAndValues(tx: TenantTx, input: { tableId: string } & Record<string, unknown>) {
  const table = await requireTable(tx, input.tableId, { lock: "no key update" });
  const parsed = parseRowValues(table.columns, input);
  if (!parsed.ok) throw new ActionError("VALIDATION", "Please correct the highlighted fields.", parsed.fieldErrors);
  return { table, values: parsed.values };
}

/** The entry of a change to one row: the table is the target, the row's id in the details. */
function rowEntry(action: string, table: { id: string }, rowId: string, summary: string) {
  return { data: { id: rowId }, activity: { action, targetType: "data_table", targetId: table.id, summary, details: { rowId } } };
}

export const createDataTable = tenantAction({
  name: "data_table.create",
  permission: "tables.write",
  // The tenant row stays locked until commit: parallel creates count one after another (the license's table limit).
  lockTenant: true,
  input: CreateTableInput,
  async run({ tx, actor, input, tenant }) {
    await requireRoomForTable(tx, tenant.license);
    const table = await withUniqueTableName(() => insertDataTable(tx, { name: input.name, columns: input.columns, createdBy: actingUserId(actor) }));
    return {
      data: { id: table.id, name: table.name },
      activity: {
        action: "data_table.created",
        targetType: "data_table",
        targetId: table.id,
        summary: `${actor.user.email} created the table ${table.name}`,
        details: { name: table.name, columns: table.columns },
      },
    };
  },
});

export const renameDataTableAction = tenantAction({
  name: "data_table.rename",
  permission: "tables.write",
  input: z.object({ tableId: DataIdInput, name: TableNameInput }),
  async run({ tx, actor, input }) {
    const table = await requireTable(tx, input.tableId);
    // A table made from a template is renamed through its customisation (its name may follow the template's).
    if (table.template) throw new ActionError("CONFLICT", "This table comes from a template: change its name under Template, with Save customisation.", { name: ["Change it under Template."] });
    const renamed = await withUniqueTableName(() => renameDataTable(tx, table.id, input.name));
    if (!renamed) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return {
      data: { id: renamed.id, name: renamed.name },
      activity: {
        action: "data_table.renamed",
        targetType: "data_table",
        targetId: table.id,
        summary: `${actor.user.email} renamed the table ${table.name} to ${renamed.name}`,
        details: { from: table.name, to: renamed.name },
      },
    };
  },
});

export const deleteDataTableAction = tenantAction({
  name: "data_table.delete",
  permission: "tables.write",
  input: z.object({ tableId: DataIdInput }),
  async run({ tx, actor, input }) {
    const table = await requireTable(tx, input.tableId);
    const rowCount = await deleteDataTable(tx, table.id);
    return {
      data: { id: table.id },
      activity: {
        action: "data_table.deleted",
        targetType: "data_table",
        targetId: table.id,
        summary: `${actor.user.email} deleted the table ${table.name} (${rowCount} rows)`,
        details: { name: table.name, columns: table.columns, rowCount },
      },
    };
  },
});

export const addRow = tenantAction({
  name: "data_table.row_add",
  permission: "tables.write",
  // The tenant row stays locked until commit: the license's row limit counts all of the tenant's tables.
  lockTenant: true,
  // The values' fields ("c0", "c1", …) depend on the table, so they pass through to tableAndValues.
  input: z.looseObject({ tableId: DataIdInput }),
  async run({ tx, actor, input, tenant }) {
    const { table, values } = await tableAndValues(tx, input);
    await requireRoomForRows(tx, tenant.license, 1);
    const row = await insertRow(tx, table, values);
    return rowEntry("data_table.row_added", table, row.id, `${actor.user.email} added a row to the table ${table.name}`);
  },
});

export const editRow = tenantAction({
  name: "data_table.row_edit",
  permission: "tables.write",
  input: z.looseObject({ tableId: DataIdInput, rowId: DataIdInput }),
  async run({ tx, actor, input }) {
    const { table, values } = await tableAndValues(tx, input);
    const row = await requireRow(input.rowId, (id) => findRow(tx, table.id, id));
    const updated = await updateRow(tx, table, row.id, values);
    if (!updated) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return rowEntry("data_table.row_updated", table, row.id, `${actor.user.email} edited a row of the table ${table.name}`);
  },
});

export const deleteRow = tenantAction({
  name: "data_table.row_delete",
  permission: "tables.write",
  input: z.object({ tableId: DataIdInput, rowId: DataIdInput }),
  async run({ tx, actor, input }) {
    const table = await requireTable(tx, input.tableId, { lock: "no key update" });
    const row = await requireRow(input.rowId, (id) => deleteRowRecord(tx, table.id, id));
    return rowEntry("data_table.row_deleted", table, row.id, `${actor.user.email} deleted a row of the table ${table.name}`);
  },
});
