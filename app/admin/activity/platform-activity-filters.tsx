"use client";

import { DateFilter } from "@/components/data-table/date-filter";
import { MultiSelectFilter } from "@/components/data-table/multi-select-filter";
import { SearchInput } from "@/components/data-table/search-input";
import { SelectFilter } from "@/components/data-table/select-filter";
import type { ActivitySearch } from "@/lib/activity/filters";
import { SEARCH_HINT } from "@/lib/activity/search-hint";

const UTC_HINT = "A calendar day in UTC";

/**
 * The filters of /admin/activity. A tenant's log is shown only once a tenant is chosen (and that view is
 * recorded in its log); there is no view of every tenant's log at once.
 */
export function PlatformActivityFilters({
  search,
  tenants,
  actions,
  tenantChosen,
}: {
  /** The URL's state, parsed on the server (the parsers, zod, stay there). */
  search: ActivitySearch;
  tenants: { id: string; name: string; slug: string }[];
  actions: string[];
  tenantChosen: boolean;
}) {
  return (
    <div role="search" aria-label="Filter activity" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <SelectFilter label="Tenant" param="tenant" allLabel="None (platform log only)" options={tenants.map((t) => ({ value: t.id, label: `${t.name} (${t.slug})` }))} />
      <SelectFilter
        label="Log"
        param="log"
        allLabel="Tenant and platform logs"
        options={[
          { value: "tenant", label: "Tenant log" },
          { value: "platform", label: "Platform log" },
        ]}
      />
      <MultiSelectFilter label="Action" param="action" selected={search.action} options={actions.map((a) => ({ value: a, label: a }))} />
      <DateFilter label="From" param="from" value={search.from} hint={UTC_HINT} />
      <DateFilter label="To" param="to" value={search.to} hint={UTC_HINT} />
      <SearchInput label="Search" param="q" placeholder="Words in the summary" hint={SEARCH_HINT} />
      <p className="basis-full text-sm text-slate-600">
        {tenantChosen
          ? "Reading this tenant's log is recorded in it, with the filters you used. "
          : "Choose a tenant to read its log (the view is recorded in that tenant's log). "}
        Dates are UTC days. {SEARCH_HINT}
      </p>
    </div>
  );
}
