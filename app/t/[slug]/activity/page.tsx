import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { readTogether } from "@/db/read-together";
import { resolveChartRange } from "@/db/queries/activity/chart";
import { readActivityPageAndChart } from "@/db/queries/activity/page-and-chart";
import { listActivityFilterValues } from "@/db/queries/activity/tenant-log";
import { planSearch } from "@/db/queries/activity/search";
import { findActivityActor } from "@/db/queries/activity/actors";
import { TableUrlState } from "@/components/data-table/table-url-state";
import { ActivityChart } from "@/components/activity/activity-chart";
import { ActivityPagination } from "@/components/activity/activity-pagination";
import { ActivityTable } from "@/components/activity/activity-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { licenseAllows, licenseRequiredMessage } from "@/lib/licenses";
import { can } from "@/lib/permissions";
import { decodeCursor } from "@/lib/activity/cursor";
import { toActivityTableRow } from "@/lib/activity/table-row";
import { CHART_LIMITS } from "@/lib/activity/chart";
import type { SearchParams } from "@/lib/url-state/search-params";
import { describeFilters, parseActivitySearch, toActivityFilters } from "@/lib/activity/filters";
import { ActivityFilterBar } from "./activity-filter-bar";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "activity.read")) notFound();

  const search = parseActivitySearch(await searchParams);
  const filters = toActivityFilters(search);

  const data = await withActorTenant(actor, async (tx) => {
    const { plan, range, chosenActor, filterValues } = await readTogether(tx, {
      // The table and the chart run the search the same way: planned once.
      plan: (inTenant) => planSearch(inTenant, filters.search),
      range: (inTenant) => resolveChartRange(inTenant, filters, CHART_LIMITS),
      // Only the chosen actor's label: the filter searches the members as they are typed.
      chosenActor: async (inTenant) => (filters.actorUserId ? findActivityActor(inTenant, filters.actorUserId) : null),
      filterValues: listActivityFilterValues,
    });
    const { page, days } = await readActivityPageAndChart(tx, filters, { key: decodeCursor(search.cursor), limit: search.size, plan, range });
    return { page, range, days, chosenActor, ...filterValues };
  });

  return (
    <TableUrlState table="activity">
      <section>
        <PageHeader title="Activity" description={`Everything that happened in ${actor.tenant.name}, newest first. Times are UTC.`} />
        <ActivityFilterBar
          search={search}
          active={describeFilters(search)}
          chosenActor={data.chosenActor}
          actorOptionsUrl={`/t/${actor.tenant.slug}/activity/actors`}
          actions={data.actions}
          targetTypes={data.targetTypes}
          exportPath={`/t/${actor.tenant.slug}/activity/export`}
          exportUnavailable={licenseAllows(actor.tenant.license, "csvExport") ? null : licenseRequiredMessage("csvExport", actor.tenant.license)}
        />
        <ActivityChart days={data.days} clipped={data.range.clipped} />
        {/* Only what the table shows goes to the browser (details can be large). */}
        <ActivityTable rows={data.page.rows.map(toActivityTableRow)} filtered={Object.keys(describeFilters(search)).length > 0} />
        <ActivityPagination page={data.page} pageSize={search.size} />
      </section>
    </TableUrlState>
  );
}
