// The license's data table limits, checked in the write core with the tenant row locked (the action's
// or route's lockTenant), so parallel writes of one tenant count one after another and the limit is
// never passed: tables per tenant, and rows across all of the tenant's tables.
import { dataTableUsage } from "@/db/queries/data-tables";
import type { TenantTx } from "@/db/scopes";
import { ActionError } from "@/lib/actions/core";
import { licenseOf } from "@/lib/licenses";

const count = (value: number) => value.toLocaleString("en");

/** Refuses (CONFLICT, with the message for the form) when the tenant has its license's most tables. */
export async function requireRoomForTable(tx: TenantTx, license: string) {
  const plan = licenseOf(license);
  const { tables } = await dataTableUsage(tx);
  if (tables >= plan.tableLimit) {
    throw new ActionError("CONFLICT", `This tenant has reached its limit of ${count(plan.tableLimit)} tables on the ${plan.label} license. Delete a table, or ask a platform administrator to upgrade the license.`);
  }
}

/** How many more rows the tenant's license allows. */
export async function rowsAllowed(tx: TenantTx, license: string) {
  const plan = licenseOf(license);
  const { rows } = await dataTableUsage(tx);
  return Math.max(0, plan.rowLimit - rows);
}

export function rowLimitMessage(license: string) {
  const plan = licenseOf(license);
  return `This tenant has reached its limit of ${count(plan.rowLimit)} rows across its tables on the ${plan.label} license. Delete rows, or ask a platform administrator to upgrade the license.`;
}

/** Refuses (CONFLICT) a row the license has no room for. */
export async function requireRoomForRows(tx: TenantTx, license: string, adding: number) {
  if ((await rowsAllowed(tx, license)) < adding) throw new ActionError("CONFLICT", rowLimitMessage(license));
}

/**
 * Why the license has no room for `adding` tables and rows on top of the tenant's (a tenant data file's
 * import, lib/tenant-export/apply-import.ts, which adds them in bulk), or null when they fit.
 */
export async function dataTableRoomProblem(tx: TenantTx, license: string, adding: { tables: number; rows: number }): Promise<string | null> {
  const plan = licenseOf(license);
  const usage = await dataTableUsage(tx);
  const [tables, rows] = [usage.tables + adding.tables, usage.rows + adding.rows];
  const upgrade = "ask a platform administrator to upgrade the license";
  if (adding.tables > 0 && tables > plan.tableLimit) {
    return `The file would bring this tenant to ${count(tables)} tables; its ${plan.label} license allows ${count(plan.tableLimit)}. Nothing was imported: delete tables, or ${upgrade}.`;
  }
  if (adding.rows > 0 && rows > plan.rowLimit) {
    return `The file would bring this tenant to ${count(rows)} rows across its tables; its ${plan.label} license allows ${count(plan.rowLimit)}. Nothing was imported: delete rows, or ${upgrade}.`;
  }
  return null;
}
