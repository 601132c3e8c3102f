// A data table's column limit and the type labels: plain constants with no imports, because browser
// code needs them (the rows page's URL state, read by every table's controls; the create form), and
// importing them from the forms' zod schemas put zod and the drizzle schema into those pages' first load.
export const MAX_COLUMNS = 12;
export const COLUMN_TYPE_LABELS = { text: "Text", number: "Number", boolean: "Yes/no", date: "Date" } as const;

/**
 * The key a column's values are stored under in each row: its name, unless the column has a key of its
 * own (a table made from a workspace template: its columns are renamed without moving the values).
 */
export const valueKeyOf = (column: { name: string; key?: string }) => column.key ?? column.name;

/**
 * A column a template table keeps only for its values: the template removed or retyped it
 * (lib/templates/effective-table.ts). Shown as removed; nothing new (a widget) may be built on it.
 */
export const isRemovedColumn = (column: object) => "source" in column && column.source === "removed";
