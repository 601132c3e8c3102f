import type { Metadata } from "next";
import { TableUrlState } from "@/components/data-table/table-url-state";
import { ActivityPagination } from "@/components/activity/activity-pagination";
import { ActivityTable } from "@/components/activity/activity-table";
import { PageHeader } from "@/components/ui/page-header";
import { withPlatformPage } from "@/lib/platform-page";
import type { SearchParams } from "@/lib/url-state/search-params";
import { describeFilters, parseActivitySearch } from "@/lib/activity/filters";
import { readPlatformWideActivity, viewedActivityPath } from "@/lib/activity/platform-wide";
import { toPlatformActivityTableRow } from "@/lib/activity/table-row";
import { PlatformActivityFilters } from "./platform-activity-filters";

export const metadata: Metadata = { title: "Platform activity" };

/**
 * Superadmins only: anyone else, signed in or not, gets the same 404 as a page that does not exist, and
 * a superadmin the platform requires two-factor of goes to enrol first (withPlatformPage).
 */
export default async function PlatformActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const search = parseActivitySearch(params);
  const viewedPath = viewedActivityPath(toUrlParams(params));
  const data = await withPlatformPage((tx, _superadmin, platform) => readPlatformWideActivity(tx, platform, search, viewedPath));

  return (
    <TableUrlState table="activity">
      <section className="mx-auto max-w-6xl px-6 py-8">
        <PageHeader
          title="Platform activity"
          description={
            data.tenant
              ? `The platform's own events and ${data.tenant.name}'s log, newest first. Times are UTC. This view is recorded in ${data.tenant.name}'s log.`
              : "The platform's own events, newest first. Times are UTC. Choose a tenant to read its log; each view is recorded in that tenant's log."
          }
        />
        <PlatformActivityFilters search={search} tenant={data.tenant} actions={data.actions} />
        <ActivityTable
          showTenant
          // Only what the table shows goes to the browser.
          rows={data.page.rows.map(toPlatformActivityTableRow)}
          filtered={Object.keys(describeFilters(search)).length > 0 || Boolean(search.tenant) || search.log !== "all"}
        />
        <ActivityPagination page={data.page} pageSize={search.size} />
      </section>
    </TableUrlState>
  );
}

/** The page's search params as the browser sent them, for the address recorded in the tenant's log. */
function toUrlParams(params: SearchParams): URLSearchParams {
  const url = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) url.append(key, item);
  }
  return url;
}
