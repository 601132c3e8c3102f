import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

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
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    // The declared sequence of steps a run performs and records.
    steps: jsonb("steps").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("flows_tenant_name").on(t.tenantId, t.name),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  ],
);

export const flowRuns = pgTable(
  "flow_runs",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
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
    foreignKey({ columns: [t.tenantId, t.flowId], foreignColumns: [flows.tenantId, flows.id] }).onDelete("cascade"),
    // A flow's page lists its runs, newest first.
    index("flow_runs_flow_time").on(t.tenantId, t.flowId, t.startedAt.desc().nullsFirst()),
  ],
);
