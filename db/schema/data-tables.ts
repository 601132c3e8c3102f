import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { tenants } from "./tenants";

// Tenant tables: a tenant's own data tables (issue 14) and their rows. A row points at its table
// through (tenant_id, table_id), so a row of tenant A can never belong to a table of tenant B, even
// through the foreign-key check (which bypasses row-level security).

export const DATA_COLUMN_TYPES = ["text", "number", "boolean", "date"] as const;
export type DataColumnType = (typeof DATA_COLUMN_TYPES)[number];

/** One declared column of a data table; its name is the key of the value in each row. */
export interface DataColumn {
  name: string;
  type: DataColumnType;
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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "data_table_rows_pk", columns: [t.tenantId, t.id] }),
    foreignKey({ name: "data_table_rows_table_fk", columns: [t.tenantId, t.tableId], foreignColumns: [dataTables.tenantId, dataTables.id] }).onDelete("cascade"),
    // A table's page lists its rows in insertion order by default.
    index("data_table_rows_table_created").on(t.tenantId, t.tableId, t.createdAt, t.id),
  ],
);

export type DataTable = typeof dataTables.$inferSelect;
export type DataTableRow = typeof dataTableRows.$inferSelect;
