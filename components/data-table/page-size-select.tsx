"use client";

import { PAGE_SIZES } from "./page-sizes";
import { useUrlState } from "./use-url-state";

/** "Rows per page", bound to the `size` search param (changing it goes back to the first page). */
export function PageSizeSelect({ pageSize }: { pageSize: number }) {
  const { update } = useUrlState();
  return (
    <label className="flex items-center gap-1">
      Rows per page
      <select value={pageSize} onChange={(event) => update({ size: event.target.value })} className="rounded-md border border-slate-300 bg-white px-2 py-1">
        {PAGE_SIZES.map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </select>
    </label>
  );
}
