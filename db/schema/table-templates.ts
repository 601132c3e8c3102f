import { foreignKey, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { dataTables, type DataColumnType } from "./data-tables";
import { tenants } from "./tenants";

/** A column of a table template. `key` never changes when the superadmin renames the column. */
export interface TemplateColumn {
  key: string;
  name: string;
  type: DataColumnType;
}

// Workspace table templates (issue 14, item 3), the twin of flow_templates: a global row every tenant
// reads (the runtime role may SELECT), only the console's role (superadmins) writes.
export const tableTemplates = pgTable(
  "table_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    columns: jsonb("columns").$type<TemplateColumn[]>().notNull().default([]),
    createdByEmail: text("created_by_email"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("table_templates_name").on(sql`lower(${t.name})`)],
);

/**
 * A tenant's use of a table template: the tenant's own data table (its rows are the tenant's) and the
 * tenant's overrides of the template, null where inherited. The table's definition is resolved at read
 * time (lib/templates/effective-table.ts), so a template change reaches every field the tenant did not
 * override. The template cannot be deleted while a tenant uses it (the foreign key restricts); deleting
 * the data table deletes the use (cascade).
 */
export const tableTemplateUses = pgTable(
  "table_template_uses",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => tableTemplates.id, { onDelete: "restrict" }),
    tableId: uuid("table_id").notNull(),
    /** The table's name; null: the template's. */
    name: text("name"),
    /** Column labels by template column key; null: every label the template's. */
    columnLabels: jsonb("column_labels").$type<Record<string, string>>(),
    /** Columns the tenant added after the template's; null: none. */
    extraColumns: jsonb("extra_columns").$type<TemplateColumn[]>(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "table_template_uses_pk", columns: [t.tenantId, t.id] }),
    uniqueIndex("table_template_uses_tenant_template").on(t.tenantId, t.templateId),
    uniqueIndex("table_template_uses_tenant_table").on(t.tenantId, t.tableId),
    foreignKey({ name: "table_template_uses_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ name: "table_template_uses_table_fk", columns: [t.tenantId, t.tableId], foreignColumns: [dataTables.tenantId, dataTables.id] }).onDelete("cascade"),
  ],
);

export type TableTemplate = typeof tableTemplates.$inferSelect;
export type TableTemplateUse = typeof tableTemplateUses.$inferSelect;
