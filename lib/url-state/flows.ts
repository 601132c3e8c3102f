// The flows table's URL state: sortable columns, the name search, paging.
import type { FlowSort } from "@/db/queries/flows";
import { defineUrlState } from "./define";
import { pageField, sizeField, sortFields, textField } from "./fields";

// The query's own list lives with its SQL (server only); `satisfies` keeps this one a subset of it.
const FLOW_SORTABLE = ["name", "createdAt", "updatedAt"] as const satisfies readonly FlowSort[];

export const flowsUrlState = defineUrlState({
  page: pageField,
  size: sizeField(25),
  ...sortFields({ sortable: FLOW_SORTABLE, defaultSort: "name", defaultDir: "asc" }),
  q: textField(200),
});
