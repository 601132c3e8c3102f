import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

// Tenant table: the tenant's activity log. Actor fields are copied (not joined) so the log still
// reads correctly after a member leaves or an account is deleted. "Search" reads the word index
// activity_terms (activity-terms.ts), which a trigger fills from the summary.
export const activity = pgTable(
  "activity",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    summary: text("summary").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>(),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    // Newest-first keyset paging: (created_at, id) is the cursor.
    index("activity_tenant_time").on(t.tenantId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The log's filters, each ending in the same cursor order so a filtered page is an index range.
    index("activity_tenant_actor_time").on(t.tenantId, t.actorUserId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("activity_tenant_action_time").on(t.tenantId, t.action, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("activity_tenant_target_time").on(t.tenantId, t.targetType, t.targetId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

export type ActivityEntry = typeof activity.$inferSelect;
