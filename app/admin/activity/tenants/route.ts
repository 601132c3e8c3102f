// GET /admin/activity/tenants?q=<typed>: the Tenant filter's choices, at most TENANT_CHOICES tenants
// whose name or slug contains what was typed (db/queries/platform-tenants.ts). Superadmins only, checked
// in the same transaction as the read (withPlatform); anyone else gets a 404, as every /admin path
// answers them (proxy.ts hides the console before this runs). Reads the global tenants table only:
// no tenant's data is entered, so nothing is recorded in a tenant's log.
import { NotSuperadminError, withPlatform } from "@/db/scopes";
import { searchTenantChoices, TENANT_SEARCH_MAX } from "@/db/queries/platform-tenants";
import { getSessionUser } from "@/lib/actor";
import { tenantChoiceLabel } from "@/lib/activity/tenant-choice-label";
import { dropUnstorableText } from "@/lib/storable-text";
import type { ComboboxOptions } from "@/components/data-table/combobox-filter";

export const dynamic = "force-dynamic";

const PRIVATE = { "Cache-Control": "private, no-store" };
const NOT_FOUND = () => Response.json({ error: "Not found" }, { status: 404, headers: PRIVATE });

export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return NOT_FOUND();
  // What PostgreSQL could not compare (NUL, a lone surrogate) is dropped, like every URL filter.
  const typed = dropUnstorableText((new URL(request.url).searchParams.get("q") ?? "").slice(0, TENANT_SEARCH_MAX + 1));
  try {
    const tenants = await withPlatform({ superadminId: user.id }, (tx) => searchTenantChoices(tx, typed));
    const body: ComboboxOptions = { options: tenants.map((tenant) => ({ value: tenant.id, label: tenantChoiceLabel(tenant) })) };
    return Response.json(body, { headers: PRIVATE });
  } catch (error) {
    if (error instanceof NotSuperadminError) return NOT_FOUND();
    throw error;
  }
}
