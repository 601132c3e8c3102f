"use client";

import { useId } from "react";
import { useUrlState } from "./use-url-state";

/** A labelled single-choice filter bound to one search param; the empty option clears it. */
export function SelectFilter({
  label,
  param,
  options,
  allLabel = "All",
}: {
  label: string;
  param: string;
  options: { value: string; label: string }[];
  allLabel?: string;
}) {
  const id = useId();
  const { state, update } = useUrlState();
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select
        id={id}
        value={String(state[param] ?? "")}
        onChange={(event) => update({ [param]: event.target.value || null })}
        className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
