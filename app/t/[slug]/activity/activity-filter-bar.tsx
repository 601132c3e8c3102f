"use client";

import { ComboboxFilter } from "@/components/data-table/combobox-filter";
import { DateFilter } from "@/components/data-table/date-filter";
import { MultiSelectFilter } from "@/components/data-table/multi-select-filter";
import { SearchInput } from "@/components/data-table/search-input";
import { SelectFilter } from "@/components/data-table/select-filter";
import { useUrlState } from "@/components/data-table/use-url-state";
import type { ActivitySearch } from "@/lib/activity/filters";
import { SEARCH_HINT } from "@/lib/activity/search-hint";
import { ExportCsvForm } from "./export-csv-form";

const UTC_HINT = "A calendar day in UTC";

/**
 * The log's filters. Every change goes into the URL (and back to the first page); the server runs the
 * query and passes the URL's state back parsed (`search`, `active`), so the parsers (zod) stay on the server.
 */
export function ActivityFilterBar({
  search,
  active,
  chosenActor,
  actorOptionsUrl,
  actions,
  targetTypes,
  exportPath,
  exportUnavailable,
}: {
  /** The Actor filter's member as the server found them (null: none chosen, or not a member here). */
  search: ActivitySearch;
  /** The filters in effect (describeFilters), for Clear filters and the export form. */
  active: Record<string, string | string[]>;
  chosenActor: { id: string; email: string } | null;
  /** Where the Actor filter searches the tenant's members (a bounded list, never all of them). */
  actorOptionsUrl: string;
  actions: string[];
  targetTypes: string[];
  exportPath: string;
  /** Why the tenant's license does not include CSV export, or null when it does. */
  exportUnavailable: string | null;
}) {
  const { update } = useUrlState();
  const reversedRange = search.from && search.to && search.from > search.to;

  return (
    <div className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
      <div role="search" aria-label="Filter activity" className="flex flex-wrap items-end gap-3">
        <ComboboxFilter
          label="Actor"
          param="actor"
          allLabel="Anyone"
          value={search.actor ?? null}
          selectedLabel={chosenActor?.email ?? "Not a member of this tenant"}
          optionsUrl={actorOptionsUrl}
        />
        <MultiSelectFilter label="Action" param="action" selected={search.action} options={actions.map((a) => ({ value: a, label: a }))} />
        <SelectFilter label="Target type" param="targetType" allLabel="Any" options={targetTypes.map((t) => ({ value: t, label: t }))} />
        {search.targetType && <SearchInput key={search.targetType} label="Target ID" param="targetId" />}
        <DateFilter label="From" param="from" value={search.from} hint={UTC_HINT} />
        <DateFilter label="To" param="to" value={search.to} hint={UTC_HINT} />
        <SearchInput label="Search" param="q" placeholder="Words in the summary" hint={SEARCH_HINT} />
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-slate-600">
          Dates are UTC days (From 00:00 to the end of To). {SEARCH_HINT}{" "}
          {Object.keys(active).length > 0 && (
            <button type="button" onClick={() => update(Object.fromEntries(Object.keys(active).map((k) => [k, null])))} className="text-blue-800 underline">
              Clear filters
            </button>
          )}
        </p>
        <ExportCsvForm
          exportPath={exportPath}
          filters={Object.entries(active).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((item): [string, string] => [key, item]))}
          unavailable={exportUnavailable}
          unavailableId="export-unavailable"
        />
        {exportUnavailable && (
          <p id="export-unavailable" className="basis-full text-right text-amber-800">
            {exportUnavailable}
          </p>
        )}
      </div>
      {reversedRange && (
        <p role="alert" className="mt-2 text-sm text-amber-800">
          “From” is after “To”, so no entry can match. Swap the dates to see that period.
        </p>
      )}
    </div>
  );
}
