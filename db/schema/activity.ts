import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

// Tenant table: the tenant's activity log. Actor fields are copied (not joined) so the log still
// reads correctly after a member leaves or an account is deleted.
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
    index("activity_tenant_time").on(t.tenantId, t.createdAt.desc(), t.id.desc()),
  ],
);

export type ActivityEntry = typeof activity.$inferSelect;
