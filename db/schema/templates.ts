import { foreignKey, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { tenants } from "./tenants";
import { flows, type Environment } from "./flows";

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
 * The template cannot be deleted while a tenant uses it (the foreign key restricts).
 *
 * The use is linked to a real flow of the tenant (flow_id, in one environment): the flow row holds the
 * effective name and steps (template + overrides), so running, versions, packages, the REST API and the
 * flow cap treat it like any flow with no special case. The flow row is brought up to date inside the
 * tenant's own transactions (lib/templates/template-flow-sync.ts): on every customisation save, and
 * lazily when the template's updated_at is newer than template_synced_at (the console never writes
 * tenant rows). Deleting the flow deletes the use (cascade); "Stop using template" keeps the flow.
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
    /** The tenant's flow made from the template, and its environment. */
    environment: text("environment").$type<Environment>().notNull().default("production"),
    flowId: uuid("flow_id").notNull(),
    /** The template's updated_at the flow row last reflected: older than the template's means stale. */
    templateSyncedAt: timestamp("template_synced_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "flow_template_uses_pk", columns: [t.tenantId, t.id] }),
    uniqueIndex("flow_template_uses_flow").on(t.tenantId, t.environment, t.flowId),
    foreignKey({
      name: "flow_template_uses_flow_fk",
      columns: [t.tenantId, t.environment, t.flowId],
      foreignColumns: [flows.tenantId, flows.environment, flows.id],
    }).onDelete("cascade"),
    // One customisation of a template per tenant.
    uniqueIndex("flow_template_uses_tenant_template").on(t.tenantId, t.templateId),
    foreignKey({ name: "flow_template_uses_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  ],
);

export type FlowTemplate = typeof flowTemplates.$inferSelect;
export type FlowTemplateUse = typeof flowTemplateUses.$inferSelect;
