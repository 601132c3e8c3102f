"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { TableName } from "@/lib/url-state/tables";

const TableNameContext = createContext<TableName | null>(null);

/**
 * Names the table whose state the controls inside keep in the URL (filters, sort, paging), so they
 * read and write it through that table's definition in lib/url-state. A name rather than the
 * definition itself, because a server page cannot hand functions to the browser.
 */
export function TableUrlState({ table, children }: { table: TableName; children: ReactNode }) {
  return <TableNameContext value={table}>{children}</TableNameContext>;
}

export function useTableName(): TableName {
  const table = useContext(TableNameContext);
  if (!table) throw new Error("A table control must be inside <TableUrlState table=…>, which names the table whose URL state it changes.");
  return table;
}
