import type { Metadata } from "next";
import { readTogether } from "@/db/read-together";
import { listTenantsForPlatform } from "@/db/queries/platform-tenants";
import { getPlatformSettings } from "@/db/queries/platform-settings";
import { usageTotals } from "@/db/queries/usage";
import { formatDate } from "@/lib/format";
import { licenseOf } from "@/lib/licenses";
import { withPlatformPage } from "@/lib/platform-page";
import { adminTenantsUrlState } from "@/lib/url-state/admin-tenants";
import { monthRange, utcDay } from "@/lib/usage/usage-days";
import type { SearchParams } from "@/lib/url-state/search-params";
import { SelectFilter } from "@/components/data-table/select-filter";
import { AdminTablePage } from "./admin-table-page";
import { LicenseCatalog } from "./license-catalog";
import { PlatformApiLimit } from "./platform-api-limit";
import { TenantsTable } from "./tenants-table";

const TENANT_STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "archived", label: "Archived" },
];

export const metadata: Metadata = { title: "Tenants" };

export default async function AdminTenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const state = adminTenantsUrlState.parse(await searchParams);
  const month = utcDay(new Date()).slice(0, 7);
  const { from, to } = monthRange(month);
  const { rows, total, usage, settings } = await withPlatformPage(async (tx) => {
    const { list, settings } = await readTogether(tx, {
      list: (platform) => listTenantsForPlatform(platform, { search: state.q, status: state.status, sort: state.sort, dir: state.dir, page: state.page, size: state.size }),
      settings: getPlatformSettings,
    });
    const ids = list.rows.map((tenant) => tenant.id);
    return { ...list, usage: await usageTotals(tx, ids, from, to), settings };
  });
  return (
    <AdminTablePage
      table="adminTenants"
      title="Tenants"
      description="Choosing a license sets the tenant's flow cap to that license's default; a flow cap saved afterwards overrides it. Lowering a cap keeps existing flows and blocks new ones."
      searchPlaceholder="Name or slug"
      filters={<SelectFilter label="Status" param="status" options={TENANT_STATUS_OPTIONS} allLabel="All" />}
      paging={{ page: state.page, pageSize: state.size, total }}
      footer={
        <>
          <PlatformApiLimit apiRequestsPerMinute={settings.apiRequestsPerMinute} />
          <LicenseCatalog />
        </>
      }
    >
      <TenantsTable
        // Only what the table shows goes to the browser (each row travels in the HTML and the RSC payload).
        rows={rows.map(({ createdAt, ...tenant }) => ({
          ...tenant,
          memberLimit: licenseOf(tenant.license).memberLimit.toLocaleString("en-US"),
          usage: { ...(usage.get(tenant.id) ?? { apiRequests: 0, flowRuns: 0 }), month },
          created: formatDate(createdAt),
        }))}
        searching={Boolean(state.q || state.status)}
      />
    </AdminTablePage>
  );
}
