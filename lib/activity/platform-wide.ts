// What /admin/activity shows: every tenant's log and the platform log, for superadmins only. Reading
// a tenant's entries is an access to that tenant's data, so the same transaction writes a
// "superadmin.accessed" entry into the log of every tenant the page shows.
import { withPlatform } from "@/db/scopes";
import { listPlatformWideActions, listPlatformWidePage, listTenantChoices, type PlatformWideFilters } from "@/db/queries/platform-activity";
import { decodeCursor } from "./cursor";
import { toActivityFilters, type ActivitySearch } from "./filters";

export const ADMIN_ACCESS_REASON = "Viewed this tenant's activity in the superadmin console (/admin/activity)";

/** Throws NotSuperadminError (from withPlatform) for anyone who is not a superadmin now. */
export function loadPlatformWideActivity(superadminId: string, search: ActivitySearch) {
  return withPlatform({ superadminId }, async (tx, platform) => {
    const { actions, fromDay, toDay, search: text } = toActivityFilters(search);
    const filters: PlatformWideFilters = { actions, fromDay, toDay, search: text, tenantId: search.tenant, log: search.log };
    const page = await listPlatformWidePage(tx, filters, { key: decodeCursor(search.cursor), limit: search.size });
    const tenants = await listTenantChoices(tx);
    const actionChoices = await listPlatformWideActions(tx, search.tenant);

    const shown = new Set(page.rows.filter((row) => row.log === "tenant").map((row) => row.tenantId!));
    // A chosen tenant's log was read even when nothing matched (and its action names were listed).
    if (search.tenant && search.log !== "platform" && tenants.some((t) => t.id === search.tenant)) shown.add(search.tenant);
    for (const tenantId of [...shown].sort()) await platform.enterTenant(tenantId, ADMIN_ACCESS_REASON);

    return { page, tenants, actions: actionChoices };
  });
}
