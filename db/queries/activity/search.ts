// "Search" in the activity log: an entry matches when every word typed starts a word of its summary,
// in any case ("ali" finds "Alice@acme.test added bob"). Words are what activity_words() makes of a
// text in SQL (lower case, split on anything that is not a letter or digit), for the summaries (the
// word index activity_terms, filled by a trigger) and for what is typed alike; so "alice@acme" is the
// two words "alice" and "acme", and punctuation typed on its own searches for nothing.
//
// Under row-level security only leakproof operators can be index conditions, so the index is searched
// with text comparisons: the terms starting with a word are the range [word, word || U+10FFFF) of
// activity_terms' primary key (term in byte order). How a search runs is decided here, from counts,
// not left to the planner's estimates (the policy's subqueries make them wrong):
// - one word is rare (fewer than RARE_WORD_ENTRIES index entries start with it): read its entries from
//   the index, sort them by time, and look each one up in activity until the page is full;
// - a word has a single term in this tenant (typed whole, or the only word with that start): its
//   entries come out of the index already in time order, so they are read newest first and looked up
//   until the page is full, however common the word is;
// - otherwise (every word common and a prefix of several terms): walk the log in time order, testing
//   each entry's summary with activity_summary_has_word(), which gives the same answer as the index.
// With the index driving, each other word with a single term is one probe of the index's full key; the
// others are tested on the summary. Every plan returns the same rows in the same order
// (tests/activity/search-plans.test.ts); planning reads the index a moment before the page does, so
// an entry written in between may show only on the next read, as with any two statements.
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { and, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "../../client";
import { activity } from "../../schema";
import type { TenantTx, Tx } from "../../scopes";
import type { ActivityKey } from "./keyset";
import { MERGE_WORD_RANGES, type PlannerSettings } from "./planner-settings";
import { activityConditions, type ActivityFilters } from "./sql";

/** Sorting this many (created_at, id) pairs and looking them all up stays within a few milliseconds. */
export const RARE_WORD_ENTRIES = 5000;

export interface SearchWord {
  /** One of activity_words' pieces of the typed text. */
  word: string;
  /** The end of its term range: word || U+10FFFF (a plain value: an expression there would not be leakproof). */
  upper: string;
}

export interface PlannedWord extends SearchWord {
  /** Index entries of this tenant whose term starts with the word, counted up to the threshold. */
  entries: number;
  /** The term, when every term starting with the word is the same one. */
  onlyTerm: string | null;
}

export type SearchPlan =
  /** No search, or nothing searchable typed (only punctuation): no text condition. */
  | { kind: "none" }
  /** A word starts no term of this tenant: no entry matches. */
  | { kind: "no-match" }
  /**
   * Read `driver`'s entries from the word index; find each other word with a single term in the index
   * too, and test the others on the entry's summary. `probeBy`: how the single-term words are found:
   * "lookup", one probe of the full key per driver entry (a rare driver: at most RARE_WORD_ENTRIES
   * probes); "merge", their ranges merged with the driver's (a common driver; see MERGE_WORD_RANGES).
   */
  | { kind: "terms"; driver: PlannedWord; others: PlannedWord[]; probeBy: "lookup" | "merge" }
  /** Walk the log in time order, testing every word on each entry's summary. */
  | { kind: "walk"; words: SearchWord[] };

export type TermsPlan = Extract<SearchPlan, { kind: "terms" }>;

export const NO_SEARCH: SearchPlan = { kind: "none" };

const MAX_CODE_POINT = 0x10ffff;

// The typed text's words with their range ends. OFFSET 0 keeps `upper` a computed column: inlined
// into a comparison, `word || chr(...)` (not leakproof) would stop it from being an index condition.
const typedWords = (text: string) =>
  sql`(select word, word || chr(${MAX_CODE_POINT}::int) as upper from activity_search_words(${text}) as word offset 0)`;

/** The words of a typed text, as the index makes them. */
export async function searchWords(tx: Tx, text: string): Promise<SearchWord[]> {
  return rowsOf<SearchWord>(await tx.execute(sql`select w.word, w.upper from ${typedWords(text)} as w order by w.word`));
}

/** For each typed word: the tenant's index entries whose term starts with it (up to `threshold`), and its first and last such term. */
export function planningQuery(tenantId: string, text: string, threshold: number): SQL {
  const range = sql`terms.tenant_id = ${tenantId} and terms.term >= w.word and terms.term < w.upper`;
  return sql`select w.word, w.upper,
      (select count(*)::int from (select 1 from activity_terms terms where ${range} limit ${threshold}) as c) as entries,
      (select min(terms.term) from activity_terms terms where ${range}) as first,
      (select max(terms.term) from activity_terms terms where ${range}) as last
    from ${typedWords(text)} as w
    order by w.word`;
}

/** The typed words with their counts in this tenant's index (see planningQuery). */
export async function planWords(tx: TenantTx, text: string, threshold = RARE_WORD_ENTRIES): Promise<PlannedWord[]> {
  const rows = rowsOf<SearchWord & { entries: number; first: string | null; last: string | null }>(
    await tx.execute(planningQuery(tx.tenantId, text, threshold)),
  );
  return rows.map(({ word, upper, entries, first, last }) => ({ word, upper, entries, onlyTerm: first === last ? first : null }));
}

/** How to run a search in this tenant (see the top of this file), from one statement of index probes. */
export async function planSearch(tx: TenantTx, text: string | undefined, threshold = RARE_WORD_ENTRIES): Promise<SearchPlan> {
  if (!text) return NO_SEARCH;
  const words = await planWords(tx, text, threshold);
  if (words.length === 0) return NO_SEARCH;
  if (words.some((w) => w.entries === 0)) return { kind: "no-match" };
  const rarest = words.reduce((a, b) => (b.entries < a.entries ? b : a));
  const driver = rarest.entries < threshold ? rarest : words.find((w) => w.onlyTerm !== null);
  if (!driver) return { kind: "walk", words: words.map(({ word, upper }) => ({ word, upper })) };
  return { kind: "terms", driver, others: words.filter((w) => w !== driver), probeBy: driver.entries < threshold ? "lookup" : "merge" };
}

/** The summary has a word starting with each of `words` (tested on the row itself, after the policy). */
export function summaryHasWords(summary: AnyPgColumn, words: SearchWord[]): SQL[] {
  return words.map((w) => sql`activity_summary_has_word(${summary}, ${w.word})`);
}

/** The other words of a "terms" plan that the index answers (a single term) and those tested on the summary. */
export function splitOthers(plan: TermsPlan): { probed: PlannedWord[]; tested: SearchWord[] } {
  return { probed: plan.others.filter((w) => w.onlyTerm !== null), tested: plan.others.filter((w) => w.onlyTerm === null) };
}

export interface TermSourceOptions {
  tenant: SQL;
  plan: TermsPlan;
  /** Conditions on the index's created_at (the days), which the index narrows too. */
  timeConditions: (createdAt: SQL) => SQL[];
  key?: ActivityKey;
  /** Leave out the ORDER BY (the chart only counts). */
  unordered?: boolean;
}

/**
 * The (created_at, activity_id) of the entries with a term starting with the driver word and the
 * single term of each probed word, past the key, newest first (oldest first when reading newer), each
 * once. The driver has one term: an ordered range of the index. Several (a rare word): the range of
 * all of them, de-duplicated and sorted (fewer than the threshold, counted by planSearch). Each probed
 * word, by the plan's probeBy: a LATERAL lookup of the full key with LIMIT 1 (a nested loop that keeps
 * the order), or a join on the full key with the same bounds as the driver, for a merge of the ranges.
 */
export function termSource({ tenant, plan, timeConditions, key, unordered }: TermSourceOptions): SQL {
  const { driver } = plan;
  // The days and the key, on the driver's range and on each merged range alike.
  const bounds = (alias: SQL) => {
    const conditions = timeConditions(sql`${alias}.created_at`);
    if (key) {
      const position = sql`(${key.createdAt}::timestamptz, ${key.id}::uuid)`;
      const entry = sql`(${alias}.created_at, ${alias}.activity_id)`;
      conditions.push(key.direction === "older" ? sql`${entry} < ${position}` : sql`${entry} > ${position}`);
    }
    return conditions;
  };
  const conditions = [sql`terms.tenant_id = ${tenant}`];
  if (driver.onlyTerm !== null) conditions.push(sql`terms.term = ${driver.onlyTerm}`);
  else conditions.push(sql`terms.term >= ${driver.word}`, sql`terms.term < ${driver.upper}`);
  conditions.push(...bounds(sql`terms`));
  const probes = splitOthers(plan).probed.map((w, i) => {
    const alias = sql.identifier(`probe_${i}`);
    const sameEntry = sql`${alias}.tenant_id = ${tenant} and ${alias}.term = ${w.onlyTerm}
      and ${alias}.created_at = terms.created_at and ${alias}.activity_id = terms.activity_id`;
    if (plan.probeBy === "merge") return sql` join activity_terms ${alias} on ${sql.join([sameEntry, ...bounds(sql`${alias}`)], sql` and `)}`;
    return sql` cross join lateral (select 1 from activity_terms ${alias} where ${sameEntry} limit 1) as ${sql.identifier(`probed_${i}`)}`;
  });
  const dir = key?.direction === "newer" ? sql`asc` : sql`desc`;
  const distinct = driver.onlyTerm === null ? sql` group by terms.created_at, terms.activity_id` : sql``;
  const order = unordered ? sql`` : sql` order by terms.created_at ${dir}, terms.activity_id ${dir}`;
  return sql`select terms.created_at, terms.activity_id from activity_terms terms${sql.join(probes)}
    where ${sql.join(conditions, sql` and `)}${distinct}${order}`;
}

/** The planner settings a statement reading `source` needs (see MERGE_WORD_RANGES), or null. */
export function termSourceSettings(plan: TermsPlan): PlannerSettings | null {
  return plan.probeBy === "merge" && splitOthers(plan).probed.length > 0 ? MERGE_WORD_RANGES : null;
}

/** The entry `c.activity_id` of a word index source, with the other filters and the words the index did not answer. */
export function lookupConditions(tenantId: string, filters: ActivityFilters, plan: TermsPlan): SQL {
  return and(...activityConditions(tenantId, filters), sql`${activity.id} = c.activity_id`, ...summaryHasWords(activity.summary, splitOthers(plan).tested))!;
}

