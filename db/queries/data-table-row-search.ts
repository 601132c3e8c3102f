// The rows page's search box: a row matches when every word typed starts a word of one of its text
// values, in any case ("glob" finds "Globex"). Words are what data_row_words() makes of a text in SQL
// (lower case, split on anything that is not a letter or digit), for the rows (the word index
// data_table_row_words, kept by triggers) and for what is typed alike.
//
// Under row-level security only leakproof operators can be index conditions, so the index is searched
// with text comparisons: the words starting with a typed word are the range [word, word || U+10FFFF)
// of data_table_row_words' primary key. How a search runs is decided here, from counts, not left to
// the planner's estimates (as the activity log's search does, db/queries/activity/search.ts):
// - a typed word starts no word of the table: no row matches, no page is read;
// - some words are rare (fewer than RARE_WORD_ROWS index entries start with them): the rows having
//   all of them are read from the index (at most RARE_WORD_ROWS seqs each, in the same statement as
//   the counts, intersected here), and the page is those rows in its order, an index probe each; the
//   other words are tested on those rows;
// - every word is common: the page walks its order's index as without a search, testing each row's
//   values with data_row_has_word() (the same answer as the index); a common word finds a page soon.
import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "../client";
import { dataTableRows } from "../schema";
import type { TenantTx } from "../scopes";

/** Reading this many seqs and looking each row up stays within a few milliseconds. */
export const RARE_WORD_ROWS = 5000;

const MAX_CODE_POINT = 0x10ffff;

interface PlannedWord {
  word: string;
  /** Index entries of this table starting with the word, counted up to the threshold. */
  entries: number;
  /** A rare word's rows (fewer entries than the threshold): their seqs; null for a common word. */
  seqs: (string | number)[] | null;
}

/** How the page applies the search: conditions on the rows it reads, or nothing to read at all. */
export type RowSearch = { kind: "conditions"; conditions: SQL[] } | { kind: "no-match" };

// The typed words as the index splits them, with their range ends. OFFSET 0 keeps `upper` a computed
// column: inlined into the comparison, `word || chr(...)` (not leakproof) would stop it from being an
// index condition.
const typedWords = (words: readonly string[]) =>
  sql`(select word, word || chr(${MAX_CODE_POINT}::int) as upper from data_table_search_words(${textArray(words)}::text[]) as word offset 0)`;

/** A text[] parameter's literal (drizzle spreads a JS array into a list of parameters). */
const textArray = (items: readonly string[]) => `{${items.map((item) => `"${item.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

/**
 * Each typed word (as the index splits it) with its entries in this table, counted up to `threshold`,
 * and a rare one's rows: one statement of index ranges, so a search costs one round trip before the page.
 */
async function planWords(tx: TenantTx, tableId: string, words: readonly string[], threshold: number): Promise<PlannedWord[]> {
  const range = sql`x.tenant_id = ${tx.tenantId} and x.table_id = ${tableId} and x.word >= w.word and x.word < w.upper`;
  return rowsOf<PlannedWord>(
    await tx.execute(sql`select w.word, c.entries,
        case when c.entries < ${threshold} then (select array_agg(distinct x.row_seq) from data_table_row_words x where ${range}) end as seqs
      from ${typedWords(words)} as w
      cross join lateral (select count(*)::int as entries from (select 1 from data_table_row_words x where ${range} limit ${threshold}) as l) as c
      order by w.word`),
  );
}

/** The search's conditions on the table's rows (see the top of this file). */
export async function planRowSearch(tx: TenantTx, tableId: string, words: readonly string[], threshold = RARE_WORD_ROWS): Promise<RowSearch> {
  if (words.length === 0) return { kind: "conditions", conditions: [] };
  const planned = await planWords(tx, tableId, words, threshold);
  if (planned.length === 0) return { kind: "conditions", conditions: [] };
  if (planned.some((w) => w.entries === 0)) return { kind: "no-match" };
  const rare = planned.filter((w) => w.entries < threshold);
  const tested = planned.filter((w) => w.entries >= threshold).map((w) => sql`data_row_has_word(${dataTableRows.values}, ${w.word})`);
  if (rare.length === 0) return { kind: "conditions", conditions: tested };
  // The rows having every rare word.
  let seqs: number[] | null = null;
  for (const w of rare) {
    const found = (w.seqs ?? []).map(Number);
    const have: Set<number> | null = seqs === null ? null : new Set(seqs);
    seqs = have === null ? found : found.filter((seq) => have.has(seq));
    if (seqs.length === 0) return { kind: "no-match" };
  }
  // Each seq one probe of (tenant_id, table_id, seq): the planner knows the array's length, so it
  // reads these rows and sorts them rather than walking the order's index.
  return { kind: "conditions", conditions: [sql`${dataTableRows.seq} = any(${`{${seqs!.join(",")}}`}::bigint[])`, ...tested] };
}
