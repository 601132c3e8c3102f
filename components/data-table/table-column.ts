import type { ReactNode } from "react";

/**
 * What a DataTable cell is given: its row's record, the key the table keeps the row's DOM by, and its
 * column's id. Deliberately not TanStack's CellContext: building that (a row object with every
 * feature's methods, a cell object per column) was a sixth of the members page's allocations and
 * nearly a millisecond of its CPU per view (issue 11), and no cell used more than this.
 */
export interface RowCellProps<Row> {
  row: { id: string; original: Row };
  column: { id: string };
}

/**
 * A DataTable column. `cell` is rendered as a component (<cell row column />): declare it once, at
 * module level or memoized, so it stays one component type from render to render (see DataTable).
 */
export interface TableColumn<Row> {
  id: string;
  /** The header's text, or a component for anything more (a visually hidden label). */
  header: string | (() => ReactNode);
  cell: (props: RowCellProps<Row>) => ReactNode;
}
