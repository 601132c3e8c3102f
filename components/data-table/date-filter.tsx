"use client";

import { useId } from "react";
import { useSettledParam } from "./use-settled-param";

/**
 * A labelled date filter (YYYY-MM-DD) bound to one search param. Typing a year digit by digit
 * produces several valid dates, so the URL changes once the value has settled for 400 ms.
 */
export function DateFilter({ label, param, value, hint }: { label: string; param: string; value: string | undefined; hint?: string }) {
  const id = useId();
  const [typed, setTyped] = useSettledParam(param, value ?? "", 400);

  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={id}
        type="date"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
      />
      {hint && (
        <span id={`${id}-hint`} className="sr-only">
          {hint}
        </span>
      )}
    </div>
  );
}
