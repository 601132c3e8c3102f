"use client";

import { ParamInput } from "./param-input";

/**
 * A labelled date filter (YYYY-MM-DD) bound to one search param. Typing a year digit by digit
 * produces several valid dates, so the URL changes once the value has settled for 400 ms.
 */
export function DateFilter({ label, param, value, hint }: { label: string; param: string; value: string | undefined; hint?: string }) {
  return <ParamInput label={label} param={param} value={value ?? ""} type="date" settleMs={400} hint={hint} />;
}
