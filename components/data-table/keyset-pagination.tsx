"use client";

import { PageSizeSelect } from "./page-size-select";
import { useUrlState } from "./use-url-state";

/**
 * Paging for tables that grow without bound (keyset): "Newer" / "Older" move one page from the
 * edges of the current one via an opaque `cursor` param, so any page costs the same as the first.
 * `labels` names the buttons and the order for a table that is not newest first (a data table's rows).
 */
export function KeysetPagination({
  newerCursor,
  olderCursor,
  pageSize,
  shown,
  labels = { first: "Newest", newer: "Newer", older: "Older", order: ", newest first" },
}: {
  newerCursor: string | null;
  olderCursor: string | null;
  pageSize: number;
  shown: number;
  labels?: { first: string; newer: string; older: string; order: string };
}) {
  const { update, pending } = useUrlState();
  const button = "rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-50";
  return (
    <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">{shown === 0 ? "No entries" : `Showing ${shown} ${shown === 1 ? "entry" : "entries"}${labels.order}`}</p>
      <div className="flex items-center gap-2">
        <PageSizeSelect pageSize={pageSize} />
        <button type="button" className={button} disabled={!newerCursor || pending} onClick={() => update({ cursor: null })}>
          {labels.first}
        </button>
        <button type="button" className={button} disabled={!newerCursor || pending} onClick={() => update({ cursor: newerCursor })}>
          {labels.newer}
        </button>
        <button type="button" className={button} disabled={!olderCursor || pending} onClick={() => update({ cursor: olderCursor })}>
          {labels.older}
        </button>
      </div>
    </nav>
  );
}
