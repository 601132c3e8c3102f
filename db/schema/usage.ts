import { bigint, date, foreignKey, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

// Tenant table: what a tenant used, per UTC day (issue 13, item 4; the billing boundary). The counters
// (API requests, flow runs) are added to in the transaction of the work they count; the snapshot
// columns (active members, credentials, bytes of the tenant's rows) are measured at most hourly and
// stay null on a day nobody measured them.
export const tenantUsage = pgTable(
  "tenant_usage",
  {
    tenantId: uuid("tenant_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    apiRequests: integer("api_requests").notNull().default(0),
    flowRuns: integer("flow_runs").notNull().default(0),
    activeMembers: integer("active_members"),
    credentials: integer("credentials"),
    storageBytes: bigint("storage_bytes", { mode: "number" }),
    measuredAt: timestamp("measured_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.day] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  ],
);

// Global table: the API rate limiter's state, one row per limited thing ("tenant:<id>", "platform").
// GCRA keeps a single timestamp per key (the theoretical arrival time of the next request), so every
// app server shares the limit through one row update and nothing is counted in process memory.
export const apiRateLimits = pgTable("api_rate_limits", {
  key: text("key").primaryKey(),
  tat: timestamp("tat", { mode: "date", withTimezone: true }).notNull(),
});

