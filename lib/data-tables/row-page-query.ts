// The rows page's URL state as the query of db/queries/data-table-row-page.ts: column positions to
// the table's columns, the filter's text to its column's sort key, the search box to plain words and
// the cursor from its opaque URL form. Whatever does not fit (a position the table lacks, a filter
// value its column cannot hold, a forged cursor) is dropped, never an error.
import { sql } from "drizzle-orm";
import type { RowCursor, RowListQuery } from "@/db/queries/data-table-row-page";
import { dataTableRows } from "@/db/schema";
import type { DataColumn } from "@/db/schema/data-tables";
import type { DataTableRowsUrlState } from "@/lib/url-state/data-table-rows";
import { valueKeyOf } from "./column-rules";
import { parseValue } from "./row-values";
import { sortKey, TEXT_KEY_LENGTH } from "./sort-keys";

const MAX_WORDS = 8;

/** The cursor as the URL carries it (base64url JSON). */
export function encodeCursor(cursor: RowCursor): string {
  return Buffer.from(JSON.stringify([cursor.way === "after" ? "a" : "b", cursor.key, cursor.seq])).toString("base64url");
}

export function decodeCursor(text: string | undefined): RowCursor | null {
  if (!text) return null;
  try {
    const [way, key, seq] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if ((way !== "a" && way !== "b") || !(key === null || typeof key === "string") || !Number.isSafeInteger(seq)) return null;
    return { way: way === "a" ? "after" : "before", key, seq: seq as number };
  } catch {
    return null;
  }
}

const positionOf = (columns: readonly DataColumn[], field: string | undefined) => {
  const position = field && field !== "added" ? Number(field.slice(1)) : NaN;
  return Number.isInteger(position) && columns[position] ? position : null;
};

/** The search box's words: letters and digits only, lower case, at most MAX_WORDS. */
export const searchWords = (q: string | undefined) => (q?.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);

export type RowFilterProblem = string | null;

export function toRowListQuery(columns: readonly DataColumn[], state: DataTableRowsUrlState): { query: RowListQuery; filterProblem: RowFilterProblem } {
  const sortPosition = positionOf(columns, state.sort);
  const filterPosition = positionOf(columns, state.fc);
  let filter: RowListQuery["filter"] = null;
  let filterProblem: RowFilterProblem = null;
  if (filterPosition !== null && state.fv !== undefined) {
    const column = columns[filterPosition]!;
    const parsed = parseValue(column.type, state.fv);
    const key = parsed.ok ? sortKey(column.type, parsed.value) : null;
    if (!parsed.ok) filterProblem = parsed.message;
    else if (key !== null) {
      // A key holds the start of a long text: the value itself decides.
      const long = column.type === "text" && String(parsed.value).length >= TEXT_KEY_LENGTH;
      filter = { position: filterPosition, key, check: long ? sql`${dataTableRows.values} ->> ${valueKeyOf(column)} = ${parsed.value}` : undefined };
    }
  }
  return {
    query: { sortPosition, dir: state.dir, filter, words: searchWords(state.q), cursor: decodeCursor(state.cursor), size: state.size },
    filterProblem,
  };
}
