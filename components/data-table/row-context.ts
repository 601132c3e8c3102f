"use client";

import { createContext, useContext } from "react";

/**
 * What every cell of a table needs besides its row (the tenant's slug, a callback that announces an
 * outcome above the table), given once as DataTable's `context`. Cells are components declared once
 * at module level (see DataTable), so they cannot close over the table's props; they read this instead.
 */
export const RowContext = createContext<{ value: unknown } | null>(null);

/** The enclosing DataTable's `context`, as the table's own cells know its type. */
export function useRowContext<Value>(): Value {
  const holder = useContext(RowContext);
  if (!holder) throw new Error("A table cell is rendered outside its DataTable");
  return holder.value as Value;
}
