import { foreignKey, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { tenants } from "./tenants";

// Workspace templates (issue 14, item 3). A flow template is a global row: every tenant reads it (the
// runtime role may SELECT), only the console's role (tenantry_platform, superadmins) writes it.
export const flowTemplates = pgTable(
  "flow_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    steps: jsonb("steps").$type<string[]>().notNull().default([]),
    createdByEmail: text("created_by_email"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("flow_templates_name").on(sql`lower(${t.name})`)],
);

/**
 * A tenant's use of a flow template: a tenant row holding only what the tenant overrides. A null field
 * is inherited, so a later change of the template shows through it; a set one is the tenant's own.
 * The effective flow is resolved at read time (lib/templates/effective-flow.ts): nothing is copied.
 * The template cannot be deleted while a tenant uses it (the foreign key restricts).
 */
export const flowTemplateUses = pgTable(
  "flow_template_uses",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => flowTemplates.id, { onDelete: "restrict" }),
    name: text("name"),
    description: text("description"),
    /** Steps run after the template's own; null: none added. */
    extraSteps: jsonb("extra_steps").$type<string[]>(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "flow_template_uses_pk", columns: [t.tenantId, t.id] }),
    // One customisation of a template per tenant.
    uniqueIndex("flow_template_uses_tenant_template").on(t.tenantId, t.templateId),
    foreignKey({ name: "flow_template_uses_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  ],
);

export type FlowTemplate = typeof flowTemplates.$inferSelect;
export type FlowTemplateUse = typeof flowTemplateUses.$inferSelect;
