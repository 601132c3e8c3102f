import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { tenants } from "./tenants";
import { ENVIRONMENTS, type Environment } from "./environments";

export { ENVIRONMENTS, type Environment };

// Every tenant has these three environments (issue 16); a flow lives in one of them, and the same flow
// id may live in several (a package deployed from Development to Production keeps its flows' ids), so
// the environment is part of the flow's key. Flows that existed before environments are Production's.
const environmentCheck = (column: string) => sql.raw(`${column} in ('development', 'staging', 'production')`);

// Tenant tables: flows and their runs. A run points at its flow through (tenant_id, flow_id), so a
// run in tenant A can never reference a flow of tenant B, even through the foreign-key check
// (which bypasses row-level security).
/** One step of a run as recorded: what it did (output) or why it stopped. */
export interface FlowRunLogEntry {
  step: string;
  status: string;
  at: string;
  output?: string;
}

export const flows = pgTable(
  "flows",
  {
    tenantId: uuid("tenant_id").notNull(),
    environment: text("environment").$type<Environment>().notNull().default("production"),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    // The declared sequence of steps a run performs and records.
    steps: jsonb("steps").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.environment, t.id] }),
    unique("flows_tenant_name").on(t.tenantId, t.environment, t.name),
    check("flows_environment", environmentCheck("environment")),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  ],
);

export const flowRuns = pgTable(
  "flow_runs",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    environment: text("environment").$type<Environment>().notNull().default("production"),
    flowId: uuid("flow_id").notNull(),
    status: text("status").notNull(),
    triggeredBy: uuid("triggered_by"),
    // What each step did, in order, as the run recorded it.
    log: jsonb("log").$type<FlowRunLogEntry[]>().notNull().default([]),
    durationMs: integer("duration_ms"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.environment, t.flowId], foreignColumns: [flows.tenantId, flows.environment, flows.id] }).onDelete("cascade"),
    // A flow's page lists its runs, newest first.
    index("flow_runs_flow_time").on(t.tenantId, t.environment, t.flowId, t.startedAt.desc().nullsFirst()),
    // Dashboards' widgets over an environment's runs (lib/dashboards): the latest runs, runs per day,
    // and runs counted by status, each an index range.
    index("flow_runs_tenant_time").on(t.tenantId, t.environment, t.startedAt),
    index("flow_runs_tenant_status_time").on(t.tenantId, t.environment, t.status, t.startedAt),
  ],
);

/**
 * Every saved state of a flow in an environment, numbered from 1 (issue 16). Append-only: the runtime
 * role may only read and insert, and a trigger refuses any UPDATE, so history cannot be rewritten.
 * No foreign key to the flow: a deleted flow's history stays readable. `reason` says what made it:
 * a save (create, rename, steps), a restore of an older version, a package deploy, or the state a deploy
 * overwrote (kept so it can be restored), or a change of the workspace template a template-made flow
 * follows (no author: brought in by the tenant's next read, lib/templates/template-flow-sync.ts).
 */
export const FLOW_VERSION_REASONS = ["saved", "restored", "deployed", "overwritten", "template_updated"] as const;
export type FlowVersionReason = (typeof FLOW_VERSION_REASONS)[number];

export const flowVersions = pgTable(
  "flow_versions",
  {
    tenantId: uuid("tenant_id").notNull(),
    environment: text("environment").$type<Environment>().notNull(),
    flowId: uuid("flow_id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    steps: jsonb("steps").$type<string[]>().notNull(),
    reason: text("reason").$type<FlowVersionReason>().notNull(),
    /** For a restore: the version it copied. */
    restoredFrom: integer("restored_from"),
    /** For a deploy (and what it overwrote): the package. */
    packageId: uuid("package_id"),
    createdBy: uuid("created_by"),
    /**
     * For a version copied from a tenant data file: who imported it (the file names no author, so
     * created_by is empty and the history says "Imported by …" instead of an unknown author).
     */
    importedBy: uuid("imported_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.environment, t.flowId, t.version] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    check("flow_versions_environment", environmentCheck("environment")),
    check("flow_versions_reason", sql`reason in ('saved', 'restored', 'deployed', 'overwritten', 'template_updated')`),
  ],
);
