// A table's state lives in the URL (page, page size, sort, filters), so a view can be bookmarked and
// shared and the server runs the query. The same zod parsers read it on the server (page.tsx) and
// the client (DataTable); unknown or malformed values fall back to defaults instead of failing.
import { z } from "zod";
import { dropUnstorableText } from "@/lib/storable-text";
import { PAGE_SIZES } from "./page-sizes";

export type SearchParams = Record<string, string | string[] | undefined>;

export { PAGE_SIZES };

export function tableStateSchema<const Sortable extends readonly [string, ...string[]]>(options: {
  sortable: Sortable;
  defaultSort: Sortable[number];
  defaultDir?: "asc" | "desc";
  defaultPageSize?: (typeof PAGE_SIZES)[number];
}) {
  const defaultPageSize = options.defaultPageSize ?? 25;
  return z.object({
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
    size: z.coerce
      .number()
      .refine((value) => (PAGE_SIZES as readonly number[]).includes(value))
      .catch(defaultPageSize),
    // Only whitelisted columns reach ORDER BY.
    sort: z.enum(options.sortable).catch(options.defaultSort),
    dir: z.enum(["asc", "desc"]).catch(options.defaultDir ?? "asc"),
  });
}

/** One value of a search param (the first, if repeated). */
export const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The page's searchParams with one value per key (the first, if repeated), for a table-state schema. */
export const singleValues = (params: SearchParams) =>
  Object.fromEntries(Object.entries(params).map(([key, value]) => [key, single(value)]));

/** Every value of a search param, for multi-select filters (?action=a&action=b). */
export const many = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * A trimmed, length-limited text filter; empty means "no filter". Characters PostgreSQL cannot
 * store (NUL, lone surrogates) are dropped, so a forged URL searches for what is left.
 */
export const textFilter = (max = 200) =>
  z
    .string()
    .overwrite(dropUnstorableText)
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined);

