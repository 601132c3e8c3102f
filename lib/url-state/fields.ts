// The kinds of value a table keeps in its URL (page, page size, sort, filters), each with how it is
// read (anything malformed falls back to the default, never an error) and how it is written back
// (a default is left out, so every view has one canonical address). Hand-written over a fixed key
// list rather than zod, because the browser's filter controls use these too and zod stays out of
// the client bundle.
import { dropUnstorableText } from "@/lib/storable-text";
import { PAGE_SIZES } from "@/components/data-table/page-sizes";

/** A table's state as the URL's keys read, before any field has said what they mean. */
export type RawValues = (key: string) => readonly string[];

export interface UrlField<T> {
  /** The value from every value the key has in the URL (repeated keys in order); `raw` reads other keys. */
  read(values: readonly string[], raw: RawValues): T;
  /** What the URL holds for `value`: no entry when it is the default. */
  write(value: T, state: Record<string, unknown>): string[];
  /** A fixed list's choices (oneOf): for the sort column, which columns a table may sort by. */
  readonly choices?: readonly string[];
}

export type FieldValue<F> = F extends UrlField<infer T> ? T : never;

/** A 1-based page number, 1 to 1,000,000; anything else is the first page. */
export const pageField: UrlField<number> = {
  read: ([value]) => {
    const page = Number(value);
    return Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1;
  },
  write: (page) => (page === 1 ? [] : [String(page)]),
};

/** Rows per page, one of PAGE_SIZES. */
export function sizeField(defaultSize: number): UrlField<number> {
  return {
    read: ([value]) => {
      const size = Number(value);
      return (PAGE_SIZES as readonly number[]).includes(size) ? size : defaultSize;
    },
    write: (size) => (size === defaultSize ? [] : [String(size)]),
  };
}

/** One of a fixed list (sort columns, roles, statuses): only whitelisted words reach the query. */
export function oneOf<const Choice extends string, Fallback extends Choice | undefined>(
  choices: readonly Choice[],
  fallback: Fallback,
): UrlField<Choice | Fallback> {
  return {
    choices,
    read: ([value]) => ((choices as readonly string[]).includes(value ?? "") ? (value as Choice) : fallback),
    write: (value) => (value === fallback || value === undefined ? [] : [value]),
  };
}

export type SortDirection = "asc" | "desc";

/**
 * The sort column (only whitelisted columns reach ORDER BY) and its direction, whose default may
 * depend on the column: the members table lists the newest first, but a column chosen without a
 * direction starts A to Z.
 */
export function sortFields<const Sortable extends string>(options: {
  sortable: readonly Sortable[];
  defaultSort: Sortable;
  defaultDir: SortDirection | ((sort: Sortable) => SortDirection);
}): { sort: UrlField<Sortable>; dir: UrlField<SortDirection> } {
  const sort = oneOf(options.sortable, options.defaultSort);
  const { defaultDir } = options;
  const defaultFor = (column: Sortable) => (typeof defaultDir === "function" ? defaultDir(column) : defaultDir);
  return {
    sort,
    dir: {
      read: ([value], raw) => (value === "asc" || value === "desc" ? value : defaultFor(sort.read(raw("sort"), raw))),
      write: (value, state) => (value === defaultFor(state.sort as Sortable) ? [] : [value]),
    },
  };
}

/**
 * A trimmed, length-limited text filter; empty (or too long) means "no filter". Characters PostgreSQL
 * cannot store (NUL, lone surrogates) are dropped, so a forged URL searches for what is left.
 */
export function textField(max: number): UrlField<string | undefined> {
  return {
    read: ([value]) => {
      if (value === undefined) return undefined;
      const text = dropUnstorableText(value).trim();
      return text.length > 0 && text.length <= max ? text : undefined;
    },
    write: (value) => (value ? [value] : []),
  };
}

/** A value kept only when `accepts` says it is well formed (an id, a day, a cursor). */
export function matchingField(accepts: (value: string) => boolean): UrlField<string | undefined> {
  return {
    read: ([value]) => (value !== undefined && accepts(value) ? value : undefined),
    write: (value) => (value === undefined ? [] : [value]),
  };
}

/** Several values of one key (?action=a&action=b): the well-formed ones, each once, at most `limit`. */
export function manyField(accepts: (value: string) => boolean, limit: number): UrlField<string[]> {
  return {
    read: (values) => [...new Set(values.filter(accepts))].slice(0, limit),
    write: (values) => values,
  };
}
