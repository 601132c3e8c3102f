// A data table's column limit and the type labels: plain constants with no imports, because browser
// code needs them (the rows page's URL state, read by every table's controls; the create form), and
// importing them from the forms' zod schemas put zod and the drizzle schema into those pages' first load.
export const MAX_COLUMNS = 12;
export const COLUMN_TYPE_LABELS = { text: "Text", number: "Number", boolean: "Yes/no", date: "Date" } as const;
