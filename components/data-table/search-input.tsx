"use client";

import { ParamInput } from "./param-input";
import { useUrlState } from "./use-url-state";

/**
 * A labelled text filter bound to one search param; typing settles for 300 ms before the URL changes.
 * `hint` (optional) says how the text matches; screen readers announce it with the field.
 */
export function SearchInput({ label, param, placeholder, hint }: { label: string; param: string; placeholder?: string; hint?: string }) {
  const { state } = useUrlState();
  return (
    <ParamInput
      label={label}
      param={param}
      value={String(state[param] ?? "")}
      type="search"
      settleMs={300}
      placeholder={placeholder}
      hint={hint}
      className="w-56"
    />
  );
}
