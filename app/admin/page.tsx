import type { Metadata } from "next";
import { listTenantsForPlatform } from "@/db/queries/platform-tenants";
import { formatDate } from "@/lib/format";
import { licenseOf } from "@/lib/licenses";
import { withPlatformPage } from "@/lib/platform-page";
import { adminTenantsUrlState } from "@/lib/url-state/admin-tenants";
import type { SearchParams } from "@/lib/url-state/search-params";
import { AdminTablePage } from "./admin-table-page";
import { LicenseCatalog } from "./license-catalog";
import { TenantsTable } from "./tenants-table";

export const metadata: Metadata = { title: "Tenants" };

export default async function AdminTenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const state = adminTenantsUrlState.parse(await searchParams);
  const { rows, total } = await withPlatformPage((tx) =>
    listTenantsForPlatform(tx, { search: state.q, sort: state.sort, dir: state.dir, page: state.page, size: state.size }),
  );
  return (
    <AdminTablePage
      table="adminTenants"
      title="Tenants"
      description="Choosing a license sets the tenant's flow cap to that license's default; a flow cap saved afterwards overrides it. Lowering a cap keeps existing flows and blocks new ones."
      searchPlaceholder="Name or slug"
      paging={{ page: state.page, pageSize: state.size, total }}
      footer={<LicenseCatalog />}
    >
      <TenantsTable
        rows={rows.map((tenant) => ({
          ...tenant,
          memberLimit: licenseOf(tenant.license).memberLimit,
          created: formatDate(tenant.createdAt),
        }))}
        searching={Boolean(state.q)}
      />
    </AdminTablePage>
  );
}
