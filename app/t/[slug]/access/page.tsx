import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { SearchParams } from "@/lib/url-state/search-params";
import { Pagination } from "@/components/data-table/pagination";
import { SearchInput } from "@/components/data-table/search-input";
import { SelectFilter } from "@/components/data-table/select-filter";
import { TableUrlState } from "@/components/data-table/table-url-state";
import { PageHeader } from "@/components/ui/page-header";
import { withActorTenant } from "@/db/scopes";
import { listAccessReview } from "@/db/queries/access-review";
import { requireActor } from "@/lib/actor";
import { ACCESS_REVIEW_PERMISSION } from "@/lib/access-review/permission";
import { memberAccess } from "@/lib/access-review/member-access";
import { can } from "@/lib/permissions";
import { accessReviewUrlState, activeFilters, toAccessReviewQuery } from "@/lib/url-state/access-review";
import { ExportCsvForm } from "../activity/export-csv-form";
import { ROLE_OPTIONS, STATUS_OPTIONS } from "../members/members-table-options";
import { AccessTable, type AccessRowView } from "./access-table";
import { PERMISSION_OPTIONS, TWO_FACTOR_OPTIONS } from "./access-filter-options";

export const metadata: Metadata = { title: "Access" };

// Formatted here, once, so the server's and the browser's time zones cannot disagree.
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const shown = (date: Date | null) => (date ? `${dateFormat.format(date)} UTC` : null);

export default async function AccessReviewPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, ACCESS_REVIEW_PERMISSION)) notFound();
  const state = accessReviewUrlState.parse(await searchParams);
  const { rows, total, page } = await withActorTenant(actor, (tx) => listAccessReview(tx, toAccessReviewQuery(state)));
  const view: AccessRowView[] = rows.map((row) => ({
    id: row.membershipId,
    name: row.name,
    email: row.email,
    status: row.status,
    ...memberAccess(row),
    twoFactor: row.twoFactor,
    lastSignIn: shown(row.lastSignInAt),
    lastActivity: shown(row.lastActivityAt),
  }));
  const filters = activeFilters(state);

  return (
    <TableUrlState table="accessReview">
      <PageHeader
        title="Access"
        description={`Who has access to what in ${actor.tenant.name}: every member's groups, effective permissions, two-factor status, last sign-in and last activity here. Times are UTC.`}
      />
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div role="search" aria-label="Filter access review" className="flex flex-wrap items-end gap-3">
          <SearchInput label="Search" param="q" placeholder="Name or email" />
          <SelectFilter label="Group" param="role" options={[...ROLE_OPTIONS]} allLabel="All groups" />
          <SelectFilter label="Permission" param="permission" options={PERMISSION_OPTIONS} allLabel="Any permission" />
          <SelectFilter label="Two-factor" param="twoFactor" options={TWO_FACTOR_OPTIONS} allLabel="Any" />
          <SelectFilter label="Status" param="status" options={[...STATUS_OPTIONS]} allLabel="All statuses" />
        </div>
        <ExportCsvForm exportPath={`/t/${slug}/access/export`} filters={filters} unavailable={null} unavailableId="access-export-unavailable" />
      </div>
      <AccessTable rows={view} filtered={filters.length > 0} />
      <Pagination page={page} pageSize={state.size} total={total} />
    </TableUrlState>
  );
}
