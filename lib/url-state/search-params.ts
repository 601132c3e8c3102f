// A page's searchParams as Next.js hands them over: each key once, or an array when repeated.
export type SearchParams = Record<string, string | string[] | undefined>;

/** One value of a search param (the first, if repeated). */
export const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Every value of a search param, for multi-select filters (?action=a&action=b). */
export const many = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
