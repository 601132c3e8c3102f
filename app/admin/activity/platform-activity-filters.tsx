"use client";

import { ComboboxFilter } from "@/components/data-table/combobox-filter";
import { DateFilter } from "@/components/data-table/date-filter";
import { MultiSelectFilter } from "@/components/data-table/multi-select-filter";
import { SearchInput } from "@/components/data-table/search-input";
import { SelectFilter } from "@/components/data-table/select-filter";
import type { ActivitySearch } from "@/lib/activity/filters";
import { SEARCH_HINT } from "@/lib/activity/search-hint";
import { tenantChoiceLabel } from "@/lib/activity/tenant-choice-label";

const UTC_HINT = "A calendar day in UTC";
const TENANTS = { one: "tenant", many: "tenants" };

/**
 * The filters of /admin/activity. A tenant's log is shown only once a tenant is chosen (and that view is
 * recorded in its log); there is no view of every tenant's log at once.
 */
export function PlatformActivityFilters({
  search,
  tenant,
  actions,
}: {
  /** The URL's state, parsed on the server (the parsers, zod, stay there). */
  search: ActivitySearch;
  /** The chosen tenant as the server found it (null: none chosen, or no tenant has that id). */
  tenant: { id: string; name: string; slug: string } | null;
  actions: string[];
}) {
  return (
    <div role="search" aria-label="Filter activity" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <ComboboxFilter
        label="Tenant"
        param="tenant"
        allLabel="None (platform log only)"
        value={search.tenant ?? null}
        selectedLabel={tenant ? tenantChoiceLabel(tenant) : "No such tenant"}
        // A bounded search of the tenants as one types: the page never carries all of them.
        optionsUrl="/admin/activity/tenants"
        noun={TENANTS}
      />
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
        {tenant
          ? "Reading this tenant's log is recorded in it, with the filters you used. "
          : "Choose a tenant to read its log (the view is recorded in that tenant's log). "}
        Dates are UTC days. {SEARCH_HINT}
      </p>
    </div>
  );
}
