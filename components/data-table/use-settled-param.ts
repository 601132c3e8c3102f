"use client";

import { useEffect, useRef, useState } from "react";
import { useUrlState } from "./use-url-state";

/**
 * A text field's value bound to one search param: the field follows every keystroke, the URL (and so
 * the server query) only once the value has settled for `delayMs`.
 */
export function useSettledParam(param: string, current: string, delayMs: number) {
  const { update } = useUrlState();
  const [value, setValue] = useState(current);
  // The URL changed from elsewhere ("Clear filters", Back): show that, rather than writing the old text back.
  const [seen, setSeen] = useState(current);
  if (current !== seen) {
    setSeen(current);
    if (current !== value.trim()) setValue(current);
  }
  // What was last written, and over which URL value: a value the table's URL state drops (a search
  // over its length limit, year 10000) leaves the URL as it was, and must not be written again and again.
  const written = useRef<{ settled: string; over: string } | null>(null);

  useEffect(() => {
    const settled = value.trim();
    if (settled === current || (written.current?.settled === settled && written.current.over === current)) return;
    const timer = setTimeout(() => {
      written.current = { settled, over: current };
      update({ [param]: settled || null });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [value, current, param, delayMs, update]);

  return [value, setValue] as const;
}
