// GET /admin/activity/tenants?q=<typed>: the Tenant filter's choices, at most TENANT_CHOICES tenants
// whose name or slug contains what was typed (db/queries/platform-tenants.ts). Superadmins only, checked
// in the same transaction as the read, with the platform's two-factor requirement (answerAsSuperadmin);
// anyone else gets a 404, as every /admin path answers them (proxy.ts hides the console before this runs). Reads the global tenants table only:
// no tenant's data is entered, so nothing is recorded in a tenant's log.
import { searchTenantChoices, TENANT_SEARCH_MAX } from "@/db/queries/platform-tenants";
import { answerAsSuperadmin } from "@/lib/platform-route";
import { tenantChoiceLabel } from "@/lib/activity/tenant-choice-label";
import { dropUnstorableText } from "@/lib/storable-text";
import type { ComboboxOptions } from "@/components/data-table/combobox-filter";

export const dynamic = "force-dynamic";

const PRIVATE = { "Cache-Control": "private, no-store" };
const NOT_FOUND = () => Response.json({ error: "Not found" }, { status: 404, headers: PRIVATE });

export async function GET(request: Request) {
  // What PostgreSQL could not compare (NUL, a lone surrogate) is dropped, like every URL filter.
  const typed = dropUnstorableText((new URL(request.url).searchParams.get("q") ?? "").slice(0, TENANT_SEARCH_MAX + 1));
  return answerAsSuperadmin(NOT_FOUND, async (tx) => {
    const tenants = await searchTenantChoices(tx, typed);
    const body: ComboboxOptions = { options: tenants.map((tenant) => ({ value: tenant.id, label: tenantChoiceLabel(tenant) })) };
    return Response.json(body, { headers: PRIVATE });
  });
}
