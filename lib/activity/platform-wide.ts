// What /admin/activity shows, for superadmins only: the platform log, and one tenant's log at a time.
// Reading anything that depends on a tenant's log is an access to that tenant's data, so the page
// enters the chosen tenant first (withPlatform's enterTenant writes "superadmin.accessed", with the
// address that was viewed, into that tenant's log) and reads it in the same transaction. That holds
// whatever the page then shows: the platform log alone (log=platform), or a search matching nothing,
// still depended on the tenant being chosen. Without a tenant no tenant's log is read at all, and
// PostgreSQL would refuse it (migration 0011). The Action filter's options are the fixed catalog of
// names the app writes, not names read from the logs.
import type { PlatformAccess, PlatformTx } from "@/db/scopes";
import { listPlatformWidePage, type PlatformWideFilters } from "@/db/queries/activity/platform-log";
import { findTenantChoice } from "@/db/queries/platform-tenants";
import { ACTION_FILTER_OPTIONS } from "./action-names";
import { decodeCursor } from "./cursor";
import { toActivityFilters, type ActivitySearch } from "./filters";

export const ADMIN_ACCESS_REASON = "Viewed this tenant's activity in the superadmin console (/admin/activity)";

/** The address a superadmin viewed, as written into the entered tenant's log. */
export function viewedActivityPath(params: URLSearchParams): string {
  const query = params.toString();
  return query ? `/admin/activity?${query}` : "/admin/activity";
}

/** Reads the page in the superadmin's transaction (withPlatformPage, which checked the flag in it). */
export async function readPlatformWideActivity(
  tx: PlatformTx,
  platform: PlatformAccess,
  search: ActivitySearch,
  viewedPath = "/admin/activity",
) {
  // Only the chosen tenant: the filter searches the others as the superadmin types (a bounded list).
  const tenant = search.tenant ? await findTenantChoice(tx, search.tenant) : null;
  // First, before anything of the tenant is read: the entry goes into its log in this transaction.
  const entered = tenant ? await platform.enterTenant(tenant.id, ADMIN_ACCESS_REASON, viewedPath) : null;

  const { actions, fromDay, toDay, search: text } = toActivityFilters(search);
  const filters: PlatformWideFilters = {
    actions,
    fromDay,
    toDay,
    search: text,
    // An id that names no tenant (a deleted one) still filters the platform log about it.
    tenantId: search.tenant,
    log: tenant ? search.log : "platform",
  };
  const page = await listPlatformWidePage(tx, entered, filters, { key: decodeCursor(search.cursor), limit: search.size });
  return { page, tenant, actions: ACTION_FILTER_OPTIONS };
}
