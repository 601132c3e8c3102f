"use client";

import { useEffect, useState } from "react";
import { useUrlState } from "./use-url-state";

/**
 * A text field's value bound to one search param: the field follows every keystroke, the URL (and so
 * the server query) only once the value has settled for `delayMs`.
 */
export function useSettledParam(param: string, current: string, delayMs: number) {
  const { update, canonical } = useUrlState();
  const [value, setValue] = useState(current);
  // The URL changed from elsewhere ("Clear filters", Back): show that, rather than writing the old text back.
  const [seen, setSeen] = useState(current);
  if (current !== seen) {
    setSeen(current);
    if (current !== value.trim()) setValue(current);
  }
  useEffect(() => {
    // Compared as the table's URL state reads it: a value it drops (a search over its length limit,
    // year 10000) would leave the URL as it is, so writing it again and again would change nothing.
    const settled = value.trim();
    if (canonical(param, settled) === current) return;
    const timer = setTimeout(() => update({ [param]: settled || null }), delayMs);
    return () => clearTimeout(timer);
  }, [value, current, param, delayMs, update, canonical]);

  return [value, setValue] as const;
}
