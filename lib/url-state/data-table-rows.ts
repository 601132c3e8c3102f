// A data table's rows page: sort by one of its columns (by position: "c0", "c1", … whatever the
// column is called) or by when rows were added, a filter (one column equal to a value), a search
// (words) and keyset paging (an opaque cursor; see db/queries/data-table-row-page.ts). The whitelist
// covers every position a table may have; a position past the table's own columns falls back to the
// added order (sort) or no filter on the server.
import { MAX_COLUMNS } from "@/lib/data-tables/column-rules";
import { defineUrlState, type UrlStateOf } from "./define";
import { matchingField, oneOf, sizeField, sortFields, textField } from "./fields";

const POSITIONS = Array.from({ length: MAX_COLUMNS }, (_, index) => `c${index}`);

export const ROW_SORTABLE = ["added", ...POSITIONS] as const;

const fields = {
  size: sizeField(25),
  ...sortFields({ sortable: ROW_SORTABLE as readonly string[], defaultSort: "added", defaultDir: "asc" }),
  fc: oneOf(POSITIONS, undefined),
  fv: textField(200),
  q: textField(100),
  cursor: matchingField((value) => value.length <= 600 && /^[A-Za-z0-9_-]+$/.test(value)),
};

export const dataTableRowsUrlState = defineUrlState(fields);

export type DataTableRowsUrlState = UrlStateOf<typeof fields>;
