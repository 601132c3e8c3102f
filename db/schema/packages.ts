import { check, foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { Environment } from "./flows";
import { tenants } from "./tenants";

// Tenant tables (issue 16): a package is a named, immutable snapshot of chosen flows of one environment,
// each as it was (its current version) when the package was made. Both tables are append-only for the
// runtime role (read and insert only; a trigger refuses UPDATE), so deploying a package always deploys
// what was packaged.
export const packages = pgTable(
  "packages",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    environment: text("environment").$type<Environment>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("packages_tenant_name").on(t.tenantId, t.name),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    check("packages_environment", sql`environment in ('development', 'staging', 'production')`),
  ],
);

export const packageFlows = pgTable(
  "package_flows",
  {
    tenantId: uuid("tenant_id").notNull(),
    packageId: uuid("package_id").notNull(),
    flowId: uuid("flow_id").notNull(),
    /** The flow's version the snapshot is (in the package's environment). */
    version: integer("version").notNull(),
    name: text("name").notNull(),
    steps: jsonb("steps").$type<string[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.packageId, t.flowId] }),
    foreignKey({ columns: [t.tenantId, t.packageId], foreignColumns: [packages.tenantId, packages.id] }).onDelete("cascade"),
  ],
);
