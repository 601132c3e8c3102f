import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { WidgetConfig, WidgetKind } from "../../lib/dashboards/widget-config";
import { tenants } from "./tenants";

// Tenant tables (issue 14, item 4): a tenant's dashboards and their widgets. A widget points at its
// dashboard through (tenant_id, dashboard_id), so a widget of tenant A can never sit on a dashboard
// of tenant B. What a widget shows (a data table, a column, flow runs) is named in its config by id
// and name, with no foreign key on purpose: deleting a table leaves the widget, which then says its
// source was removed (lib/dashboards/widget-data.ts) instead of vanishing or blocking the delete.
export const dashboards = pgTable(
  "dashboards",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "dashboards_pk", columns: [t.tenantId, t.id] }),
    // "Sales" and "sales" are the same dashboard to a person reading the list.
    uniqueIndex("dashboards_tenant_name").on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({ name: "dashboards_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  ],
);

export const dashboardWidgets = pgTable(
  "dashboard_widgets",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    dashboardId: uuid("dashboard_id").notNull(),
    // The widget's place on its dashboard, from 0; Move up / Move down swap two neighbours.
    position: integer("position").notNull(),
    kind: text("kind").$type<WidgetKind>().notNull(),
    title: text("title").notNull(),
    // Checked by lib/dashboards/widget-config.ts on the way in and again on the way out.
    config: jsonb("config").$type<WidgetConfig>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "dashboard_widgets_pk", columns: [t.tenantId, t.id] }),
    foreignKey({ name: "dashboard_widgets_dashboard_fk", columns: [t.tenantId, t.dashboardId], foreignColumns: [dashboards.tenantId, dashboards.id] }).onDelete("cascade"),
    check("dashboard_widgets_kind", sql`kind in ('number', 'chart', 'table')`),
    index("dashboard_widgets_dashboard_position").on(t.tenantId, t.dashboardId, t.position),
  ],
);

export type Dashboard = typeof dashboards.$inferSelect;
export type DashboardWidget = typeof dashboardWidgets.$inferSelect;
