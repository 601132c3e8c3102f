// The data tables "Add widget" offers as sources: the tenant's tables with their columns, only for a
// caller who may read them (tables.read). Managing dashboards (dashboards.manage) does not by itself
// show a table's name or its columns; the add action refuses such a caller's table source likewise.
import "server-only";
import type { TenantTx } from "@/db/scopes";
import { listDataTables } from "@/db/queries/data-tables";
import { isRemovedColumn } from "@/lib/data-tables/column-rules";
import { can, type PermissionHolder } from "@/lib/permissions";

export async function widgetSourceTables(tx: TenantTx, caller: PermissionHolder) {
  if (!can(caller, "dashboards.manage") || !can(caller, "tables.read")) return [];
  // Not the columns a template removed (kept in the table for their values only): no new widget reads one.
  return (await listDataTables(tx)).map(({ id, name, columns }) => ({ id, name, columns: columns.filter((column) => !isRemovedColumn(column)) }));
}
