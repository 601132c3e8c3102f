// A data table's rows page: sort by one of its columns (by position: "c0", "c1", … whatever the
// column is called) or by when rows were added, and paging. The whitelist covers every position a
// table may have; a position past the table's own columns falls back to the added order on the server.
import { MAX_COLUMNS } from "@/lib/data-tables/column-rules";
import { defineUrlState } from "./define";
import { pageField, sizeField, sortFields } from "./fields";

export const ROW_SORTABLE = ["added", ...Array.from({ length: MAX_COLUMNS }, (_, index) => `c${index}`)] as const;

export const dataTableRowsUrlState = defineUrlState({
  page: pageField,
  size: sizeField(25),
  ...sortFields({ sortable: ROW_SORTABLE as readonly string[], defaultSort: "added", defaultDir: "asc" }),
});
