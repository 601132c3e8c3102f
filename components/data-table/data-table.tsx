"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { useMemo, type ReactNode } from "react";
import { RowContext } from "./row-context";
import type { TableColumn } from "./table-column";
import { useUrlState } from "./use-url-state";

// Declared once, so the table's options keep their identity from render to render.
const recordId = (row: { id: string }) => row.id;
// The table has no rows of its own: the body is rendered from `rows` (see DataTable).
const NO_DATA: never[] = [];

/**
 * A server-driven TanStack table: rows arrive already filtered, sorted and paged by the server; the
 * header's sort buttons only change the URL. TanStack models the columns and the header; the body is
 * rendered straight from `rows`, each cell given only its row and column (RowCellProps): the rows
 * need none of TanStack's row features here (sorting, filtering and paging are the server's), and
 * its row and cell models cost a page view more than the rest of the table (issue 11).
 *
 * A column whose `id` is one of the sort columns of the table's URL state (lib/url-state, the
 * whitelist the server's query obeys) gets a sort button and aria-sort; the current sort is read from
 * the URL by that same definition, the parse the server ran. `context` is what every cell needs
 * besides its row (useRowContext).
 *
 * `columns` must keep their identity from render to render (a module-level constant, with cells that
 * are components declared once): a cell is rendered as <column.cell …/>, so a cell function
 * created during render is a new component type each time, and React re-creates every row's controls
 * (losing what was ticked or typed, messages, open dialogs) whenever the page refreshes. Rows keep
 * their DOM by `rowKey` (by default the record's id), whatever order or data a refresh brings.
 */
export function DataTable<Row extends { id: string }>({
  label,
  columns,
  rows,
  empty,
  rowKey = recordId,
  context,
}: {
  label: string;
  columns: TableColumn<Row>[];
  rows: Row[];
  empty: ReactNode;
  /** What keeps a row's DOM across refreshes; the record's id unless its rows need more. */
  rowKey?: (row: Row) => string;
  context?: unknown;
}) {
  const { state, sortable, update, pending } = useUrlState();
  const sort = sortable.length > 0 ? (state.sort as string) : undefined;
  const dir = state.dir as "asc" | "desc" | undefined;
  // A new holder only when the context changes, so cells that read it do not re-render for nothing.
  const rowContext = useMemo(() => ({ value: context }), [context]);
  const sorting: SortingState = sort ? [{ id: sort, desc: dir === "desc" }] : [];
  const definitions = useMemo(() => columns.map(({ id, header }): ColumnDef<Row, unknown> => ({ id, header })), [columns]);
  // The React Compiler is not enabled, so the library's unmemoizable return value is harmless here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: NO_DATA,
    columns: definitions,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    state: { sorting },
  });

  function toggleSort(columnId: string) {
    const nextDir = sort === columnId && dir === "asc" ? "desc" : "asc";
    update({ sort: columnId, dir: nextDir });
  }

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" aria-busy={pending || undefined}>
      <table aria-label={label} className="data-table min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const isSortable = sortable.includes(header.column.id);
                const active = sort === header.column.id;
                const title = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className="px-4 py-3"
                    aria-sort={active ? (dir === "desc" ? "descending" : "ascending") : undefined}
                  >
                    {isSortable ? (
                      <button type="button" onClick={() => toggleSort(header.column.id)} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
                        {title}
                        <span aria-hidden="true">{active ? (dir === "desc" ? "▼" : "▲") : "↕"}</span>
                      </button>
                    ) : (
                      title
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <RowContext value={rowContext}>
          <tbody className={`divide-y divide-slate-100 ${pending ? "opacity-60" : ""}`}>
            {rows.map((record) => {
              const row = { id: rowKey(record), original: record };
              return (
                <tr key={row.id} className="hover:bg-slate-50">
                  {columns.map((column) => (
                    <td key={column.id}>
                      <column.cell row={row} column={column} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </RowContext>
      </table>
      {rows.length === 0 && <div className="p-4">{empty}</div>}
    </div>
  );
}
