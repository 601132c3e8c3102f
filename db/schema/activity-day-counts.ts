import { date, foreignKey, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

// Tenant table: how many entries a tenant's log has on a UTC day that is over, so the activity
// page's unfiltered chart reads 30 rows instead of counting ~55,000 entries on every view. Written by
// the chart itself the first time it counts a finished day (db/queries/activity/chart.ts); an entry
// dated into a finished day after that (only seeds and tests write backdated entries: the app's are
// stamped now()) deletes its day's row in the same statement (trigger, migration activity_day_counts).
export const activityDayCounts = pgTable(
  "activity_day_counts",
  {
    tenantId: uuid("tenant_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.day] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  ],
);
