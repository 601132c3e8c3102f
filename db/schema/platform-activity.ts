import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Global table: what happens to the platform itself (tenant created or deleted, license or flow cap
// changed, superadmin flags). Kept outside tenant tables so it survives the deletion of a tenant;
// `subject_tenant_id` and `tenant_name` are copies, not a foreign key. Every scope appends to it; only the
// console's role (tenantry_platform) may read it (migration 0051).
export const platformActivity = pgTable(
  "platform_activity",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    subjectTenantId: uuid("subject_tenant_id"),
    tenantName: text("tenant_name"),
    summary: text("summary").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>(),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("platform_activity_time").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The superadmin's log filtered by tenant: that tenant's entries newest first, without walking
    // everyone else's (issue 11).
    index("platform_activity_tenant_time").on(t.subjectTenantId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The superadmin's search (db/queries/activity/platform-log.ts): its word test,
    // activity_summary_has_word, is an SQL function PostgreSQL inlines into `lower(summary) ~ '...'`,
    // which pg_trgm serves, so a rare word is found here instead of by testing every entry (a common
    // one still walks the time index: the planner estimates the test from this index's statistics).
    // A global table without row-level security, so a non-leakproof test can be an index condition.
    index("platform_activity_summary_trgm").using("gin", sql`lower(${t.summary}) gin_trgm_ops`),
  ],
);
