import type { Metadata } from "next";
import { PLATFORM_TENANT_SORTS, listTenantsForPlatform } from "@/db/queries/platform-tenants";
import { Pagination } from "@/components/data-table/pagination";
import { SearchInput } from "@/components/data-table/search-input";
import { singleValues, tableStateSchema, textFilter, type SearchParams } from "@/components/data-table/table-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate } from "@/lib/format";
import { licenseOf } from "@/lib/licenses";
import { withPlatformPage } from "@/lib/platform-page";
import { LicenseCatalog } from "./license-catalog";
import { TenantsTable } from "./tenants-table";

export const metadata: Metadata = { title: "Tenants" };

const TenantTableState = tableStateSchema({ sortable: PLATFORM_TENANT_SORTS, defaultSort: "name" }).extend({ q: textFilter() });

export default async function AdminTenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const state = TenantTableState.parse(singleValues(raw));
  const { rows, total } = await withPlatformPage((tx) =>
    listTenantsForPlatform(tx, { search: state.q, sort: state.sort, dir: state.dir, page: state.page, size: state.size }),
  );
  return (
    <section>
      <PageHeader
        title="Tenants"
        description="Choosing a license sets the tenant's flow cap to that license's default; a flow cap saved afterwards overrides it. Lowering a cap keeps existing flows and blocks new ones."
      />
      <div className="mb-3">
        <SearchInput label="Search" param="q" placeholder="Name or slug" />
      </div>
      <TenantsTable
        rows={rows.map((tenant) => ({
          ...tenant,
          memberLimit: licenseOf(tenant.license).memberLimit,
          created: formatDate(tenant.createdAt),
        }))}
        sort={state.sort}
        dir={state.dir}
        searching={Boolean(state.q)}
      />
      <Pagination page={state.page} pageSize={state.size} total={total} />
      <LicenseCatalog />
    </section>
  );
}
