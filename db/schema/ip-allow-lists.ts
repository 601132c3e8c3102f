import { sql } from "drizzle-orm";
import { check, foreignKey, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

// Tenant table (migration 0022): the tenant's IP allow-list for one kind of access (run, edit, admin,
// package), as CIDR blocks in canonical form. No row (or an empty list) for a kind: that kind is not
// restricted. lib/ip-allow-list.ts parses and applies them.
export const ipAllowLists = pgTable(
  "ip_allow_lists",
  {
    tenantId: uuid("tenant_id").notNull(),
    kind: text("kind").notNull(),
    cidrs: text("cidrs").array().notNull(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "ip_allow_lists_pk", columns: [t.tenantId, t.kind] }),
    foreignKey({ name: "ip_allow_lists_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    check("ip_allow_lists_kind", sql`${t.kind} in ('run', 'edit', 'admin', 'package')`),
  ],
);
