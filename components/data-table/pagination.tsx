"use client";

import { PageSizeSelect } from "./page-size-select";
import { useUrlState } from "./use-url-state";

/** Offset paging for bounded tables: previous/next, where we are, and the page size. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { update, pending } = useUrlState();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        {total === 0 ? "No results" : `${first}–${last} of ${total}`} · Page {Math.min(page, pages)} of {pages}
      </p>
      <div className="flex items-center gap-2">
        <PageSizeSelect pageSize={pageSize} />
        <button
          type="button"
          disabled={page <= 1 || pending}
          onClick={() => update({ page: String(page - 1) })}
          className="rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-50"
        >
          Previous page
        </button>
        <button
          type="button"
          disabled={page >= pages || pending}
          onClick={() => update({ page: String(page + 1) })}
          className="rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-50"
        >
          Next page
        </button>
      </div>
    </nav>
  );
}
