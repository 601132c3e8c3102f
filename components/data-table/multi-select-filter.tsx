"use client";

import { useOptimistic, useTransition } from "react";
import { useUrlState } from "./use-url-state";

/**
 * A labelled filter that takes several values of one search param (?action=a&action=b): a group of
 * checkboxes (role "group", named by `label`) in a disclosure, so a long list stays out of the way.
 * Each tick changes the URL at once.
 */
export function MultiSelectFilter({
  label,
  param,
  options,
  selected,
}: {
  label: string;
  param: string;
  options: { value: string; label: string }[];
  /** The current values, as the page's parser read them from the URL. */
  selected: readonly string[];
}) {
  const { update } = useUrlState();
  // The tick shows at once; the URL (and the server's rows) follow.
  const [ticked, setTicked] = useOptimistic(selected);
  const [, startTransition] = useTransition();
  const choices = [...options, ...ticked.filter((value) => !options.some((o) => o.value === value)).map((value) => ({ value, label: value }))];

  const chosen = ticked.length === 0 ? "Any" : ticked.length === 1 ? ticked[0] : `${ticked.length} selected`;

  function toggle(value: string, checked: boolean) {
    const next = checked ? [...ticked, value] : ticked.filter((v) => v !== value);
    startTransition(() => {
      setTicked(next);
      update({ [param]: next });
    });
  }

  return (
    <div>
      <span className="block text-xs font-medium text-slate-600" aria-hidden="true">
        {label}
      </span>
      <details className="relative mt-1">
        <summary aria-label={`${label}: ${chosen}`} className="block w-48 cursor-pointer list-none rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
          {chosen}
          <span aria-hidden="true" className="float-right text-slate-400">
            ▾
          </span>
        </summary>
        <fieldset className="absolute z-10 mt-1 max-h-72 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <legend className="sr-only">{label}</legend>
          {choices.length === 0 && <p className="px-2 py-1 text-sm text-slate-500">Nothing to choose yet.</p>}
          {choices.map((option) => (
            <label key={option.value} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
              <input type="checkbox" checked={ticked.includes(option.value)} onChange={(event) => toggle(option.value, event.target.checked)} />
              {option.label}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}
