import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Global table: what happens to the platform itself (tenant created or deleted, license or flow cap
// changed, superadmin flags). Kept outside tenant tables so it survives the deletion of a tenant;
// `tenant_id` and `tenant_name` are copies, not a foreign key. Only superadmins read it.
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
    // The superadmin's search (db/queries/activity/platform-log.ts): each typed word must be a
    // substring of the lower-cased summary before its word test runs, so a rare word is found through
    // this index instead of testing every entry. A global table: no row-level security, so LIKE
    // (not leakproof) can still be an index condition here.
    index("platform_activity_summary_trgm").using("gin", sql`lower(${t.summary}) gin_trgm_ops`),
  ],
);
