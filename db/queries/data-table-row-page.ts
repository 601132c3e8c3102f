// One page of a data table's rows, read by keyset so that any page of a 1,000,000-row table costs
// what the first one does (bench/data-tables.ts holds it to p95 ≤ 20 ms under row-level security).
//
// What is indexed (db/schema/data-tables.ts):
//   - the default order (when added): (tenant_id, table_id, seq)
//   - sorting by a column, and filtering by a column's value in the default order or sorted by that
//     same column: the column position's partial index (tenant_id, table_id, sort_keys[i], seq)
//   - rows with fewer sort keys than the position sorted by (written before a template added that
//     column): (tenant_id, table_id, key_count, seq), one key count at a time
// What is not: a filter on one column with a sort by another sorts the matching rows; that is fast
// while the filter is selective. The search (db/queries/data-table-row-search.ts) either reads the
// rows having its rare words from the word index data_table_row_words and sorts them, or, when every
// word is common, walks the order's index testing each row's values (a page is found soon).
//
// Sorted by a column, rows with a value come first (in the chosen direction), then the empty ones
// (in the direction, by when added): two segments, each read from the same index, a cursor naming
// its segment by whether its key is null. A row without a key at the position at all is an empty one.
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { dataTableRows } from "../schema";
import type { TenantTx } from "../scopes";
import { planRowSearch } from "./data-table-row-search";
import { rowColumns } from "./data-tables";

/** A page's edge: the key (at the sort column's position; null in the empty segment or unsorted) and the seq of the row. */
export interface RowCursor {
  way: "after" | "before";
  key: string | null;
  seq: number;
}

export interface RowListQuery {
  /** The position of the column to sort by, or null: the order rows were added in. */
  sortPosition: number | null;
  dir: "asc" | "desc";
  /** Only rows whose key at `position` is `key` (and whose value is `value`, for text cut to a key). */
  filter: { position: number; key: string; check?: SQL } | null;
  /** Words every listed row has (as words or word starts) in its text values. */
  words: readonly string[];
  cursor: RowCursor | null;
  size: number;
}

type Row = Awaited<ReturnType<typeof select>>[number];

// The index expressions must be written exactly as in the schema (positions as literals, not
// parameters) for the planner to match them.
const keyAt = (position: number) => sql`(${dataTableRows.sortKeys}[${sql.raw(String(position + 1))}])`;
const hasPosition = (position: number) => sql`cardinality(${dataTableRows.sortKeys}) > ${sql.raw(String(position))}`;

/** A part of the order read from one index range: its rows' condition and how its cursor compares. */
interface Segment {
  where: SQL | undefined;
  /**
   * More parts of the segment, each its own index range in seq order, merged with `where`'s by seq
   * (the empty segment's rows with too few sort keys, one key count each).
   */
  more?: SQL[];
  /** What the cursor compares with seq (null: seq alone). */
  key: SQL | null;
  /**
   * What the order names before seq: the key, also in the empty segment, where it is null in every
   * row; without it the planner does not see that the index hands rows over in seq order after an
   * IS NULL and sorts every empty row past the cursor.
   */
  orderKey: SQL | null;
  owns: (cursor: RowCursor) => boolean;
}

function select(tx: TenantTx, where: SQL | undefined, orderBy: SQL[], limit: number) {
  return tx.select(rowColumns).from(dataTableRows).where(where).orderBy(...orderBy).limit(limit);
}

/** Rows of `segment` strictly past `cursor` (or from its start) in `dir`, at most `limit`. */
async function readSegment(tx: TenantTx, base: SQL | undefined, segment: Segment, dir: "asc" | "desc", cursor: RowCursor | null, limit: number) {
  const order = dir === "asc" ? asc : desc;
  const past = dir === "asc" ? gt : lt;
  let from: SQL | undefined;
  if (cursor && segment.key) from = sql`(${segment.key}, ${dataTableRows.seq}) ${sql.raw(dir === "asc" ? ">" : "<")} (${cursor.key}, ${cursor.seq})`;
  else if (cursor) from = past(dataTableRows.seq, cursor.seq);
  const orderBy = segment.orderKey ? [order(segment.orderKey), order(dataTableRows.seq)] : [order(dataTableRows.seq)];
  const main = select(tx, and(base, segment.where, from), orderBy, limit);
  if (!segment.more?.length) return main;
  // Each part reads at most `limit` rows from its own index range; the merge keeps the first `limit`.
  const parts = segment.more.map((where) => select(tx, and(base, where, from), [order(dataTableRows.seq)], limit));
  return unionAll(main, parts[0]!, ...parts.slice(1))
    .orderBy(sql.raw(`"seq" ${dir}`))
    .limit(limit);
}

/** `rareWordRows`: the search's threshold between reading a word's rows and walking the order (tests set it). */
export async function listRows(tx: TenantTx, tableId: string, query: RowListQuery, rareWordRows?: number) {
  const conditions = [eq(dataTableRows.tenantId, tx.tenantId), eq(dataTableRows.tableId, tableId)];
  if (query.filter) {
    conditions.push(hasPosition(query.filter.position), sql`${keyAt(query.filter.position)} = ${query.filter.key}`);
    if (query.filter.check) conditions.push(query.filter.check);
  }
  const search = await planRowSearch(tx, tableId, query.words, rareWordRows);
  if (search.kind === "no-match") return { rows: [] as Row[], previous: null, next: null };
  conditions.push(...search.conditions);
  const base = and(...conditions);

  const position = query.sortPosition;
  const segments: Segment[] =
    position === null
      ? [{ where: undefined, key: null, orderKey: null, owns: () => true }]
      : [
          { where: and(hasPosition(position), isNotNull(keyAt(position))), key: keyAt(position), orderKey: keyAt(position), owns: (cursor) => cursor.key !== null },
          {
            where: and(hasPosition(position), isNull(keyAt(position))),
            more: Array.from({ length: position + 1 }, (_, count) => sql`${dataTableRows.keyCount} = ${sql.raw(String(count))}`),
            key: null,
            orderKey: keyAt(position),
            owns: (cursor) => cursor.key === null,
          },
        ];
  const keyOf = (row: Row) => (position === null ? null : (row.sortKeys[position] ?? null));
  const edge = (way: RowCursor["way"], row: Row): RowCursor => ({ way, key: keyOf(row), seq: row.seq });

  // Backwards ("before" a cursor) reads the segments in reverse, then turns the rows round.
  const backwards = query.cursor?.way === "before";
  const dir = backwards ? (query.dir === "asc" ? "desc" : "asc") : query.dir;
  const ordered = backwards ? [...segments].reverse() : segments;
  const start = query.cursor ? Math.max(0, ordered.findIndex((segment) => segment.owns(query.cursor!))) : 0;
  const read: Row[] = [];
  for (let index = start; index < ordered.length && read.length <= query.size; index++) {
    read.push(...(await readSegment(tx, base, ordered[index]!, dir, index === start ? query.cursor : null, query.size + 1 - read.length)));
  }
  const more = read.length > query.size;
  const page = read.slice(0, query.size);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page,
    previous: first && (backwards ? more : query.cursor !== null) ? edge("before", first) : null,
    next: last && (backwards ? true : more) ? edge("after", last) : null,
  };
}
