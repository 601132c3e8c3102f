// The types a data table's column may have (data_tables.columns): plain values with no imports, so the
// column editors (client components) can offer them without the schema's driver code.
export const DATA_COLUMN_TYPES = ["text", "number", "boolean", "date"] as const;
export type DataColumnType = (typeof DATA_COLUMN_TYPES)[number];
