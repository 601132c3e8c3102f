import { bigint, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { MAX_COLUMNS } from "../../lib/data-tables/column-rules";
import { tenants } from "./tenants";
import { DATA_COLUMN_TYPES, type DataColumnType } from "./data-column-types";

// Tenant tables: a tenant's own data tables (issue 14) and their rows. A row points at its table
// through (tenant_id, table_id), so a row of tenant A can never belong to a table of tenant B, even
// through the foreign-key check (which bypasses row-level security).

/** A table's most columns (lib/data-tables/column-rules.ts): one sort key and index per position. */
export const MAX_SORT_POSITIONS = MAX_COLUMNS;

export { DATA_COLUMN_TYPES, type DataColumnType };

/** One declared column of a data table; its name is the key of the value in each row. */
export interface DataColumn {
  name: string;
  type: DataColumnType;
  /** Where the values are stored in each row, when not under `name` (a table made from a template). */
  key?: string;
}

/** A row's values by column name: text and dates (YYYY-MM-DD) as strings, numbers, booleans; null when empty. */
export type DataRowValues = Record<string, string | number | boolean | null>;

export const dataTables = pgTable(
  "data_tables",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    columns: jsonb("columns").$type<DataColumn[]>().notNull().default([]),
    // Kept by the row writes (lib/data-tables): the page's total and the license's row limit read it
    // instead of counting a table that may hold a million rows.
    rowCount: integer("row_count").notNull().default(0),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "data_tables_pk", columns: [t.tenantId, t.id] }),
    // "Customers" and "customers" are the same table to a person reading the list.
    uniqueIndex("data_tables_tenant_name").on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({ name: "data_tables_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  ],
);

export const dataTableRows = pgTable(
  "data_table_rows",
  {
    tenantId: uuid("tenant_id").notNull(),
    tableId: uuid("table_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    values: jsonb("values").$type<DataRowValues>().notNull().default({}),
    // Insertion order that stays unique inside one import (created_at is the transaction's time).
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    // One order-preserving text key per column position (lib/data-tables/sort-keys.ts), null when the
    // value is empty: what the per-position indexes below sort and filter on, whatever the column's type.
    sortKeys: text("sort_keys").array().$type<(string | null)[]>().notNull().default(sql`'{}'::text[]`),
    // How many sort keys the row has: fewer than its table's columns when the row was written before a
    // template added a column. A plain column because under row-level security only a leakproof
    // condition can be an index condition, and cardinality() is not (int4 = is): the empty segment of a
    // sort by the new column reads such rows from the index below (db/queries/data-table-row-page.ts).
    keyCount: integer("key_count").generatedAlwaysAs(sql`cardinality(sort_keys)`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "data_table_rows_pk", columns: [t.tenantId, t.id] }),
    foreignKey({ name: "data_table_rows_table_fk", columns: [t.tenantId, t.tableId], foreignColumns: [dataTables.tenantId, dataTables.id] }).onDelete("cascade"),
    // A table's page lists its rows in insertion order by default (keyset on seq).
    index("data_table_rows_table_seq").on(t.tenantId, t.tableId, t.seq),
    // Sorting or filtering by the column at position i: one partial index per position, holding only
    // rows of tables that have that column. Keyset on (key, seq).
    ...Array.from({ length: MAX_SORT_POSITIONS }, (_, i) =>
      index(`data_table_rows_key_${i}`)
        .on(t.tenantId, t.tableId, sql`(${t.sortKeys}[${sql.raw(String(i + 1))}])`, t.seq)
        .where(sql`cardinality(${t.sortKeys}) > ${sql.raw(String(i))}`),
    ),
    // Rows by how many sort keys they have, in insertion order (see key_count).
    index("data_table_rows_key_count").on(t.tenantId, t.tableId, t.keyCount, t.seq),
    // A dashboard's chart of rows per day by when they were added (lib/dashboards): an index range.
    index("data_table_rows_table_created").on(t.tenantId, t.tableId, t.createdAt),
    // The search box reads the word index data_table_row_words (./data-table-row-words.ts).
  ],
);

export type DataTable = typeof dataTables.$inferSelect;
export type DataTableRow = typeof dataTableRows.$inferSelect;
