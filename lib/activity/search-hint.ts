/** How "Search" matches (db/queries/activity/search.ts), in the words the filter bars show. Kept apart from filters.ts (zod) for the browser. */
export const SEARCH_HINT = "Finds entries with a word starting with each word you type, in any case: “inv” finds “Invoice”. Punctuation separates words.";
