"use client";

import { useId } from "react";
import { useSettledParam } from "./use-settled-param";
import { useUrlState } from "./use-url-state";

/**
 * A labelled text filter bound to one search param; typing settles for 300 ms before the URL changes.
 * `hint` (optional) says how the text matches; screen readers announce it with the field.
 */
export function SearchInput({ label, param, placeholder, hint }: { label: string; param: string; placeholder?: string; hint?: string }) {
  const id = useId();
  const { searchParams } = useUrlState();
  const [value, setValue] = useSettledParam(param, searchParams.get(param) ?? "", 300);

  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(event) => setValue(event.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-1 block w-56 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
      />
      {hint && (
        <span id={`${id}-hint`} className="sr-only">
          {hint}
        </span>
      )}
    </div>
  );
}
