import { foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberRole } from "./memberships";
import { tenants } from "./tenants";

// Tenant table: keys for the tenant's API (migration 0017). Only a SHA-256 of the key is stored; the
// key itself is shown once, when it is created. A request names no tenant, only its key, so the key's
// row is found by its hash through the api_key_lookup policy (db/scopes.ts withApiKeyLookup), which
// shows that one row and nothing else; everything after runs inside the key's tenant.
export const apiKeys = pgTable(
  "api_keys",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    role: memberRole("role").notNull(),
    keyHash: text("key_hash").notNull(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }),
    createdByEmail: text("created_by_email"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { mode: "date", withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    revokedAt: timestamp("revoked_at", { mode: "date", withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "api_keys_pk", columns: [t.tenantId, t.id] }),
    // Not tenant-leading on purpose: a request is resolved from its key alone (one row, by hash).
    uniqueIndex("api_keys_key_hash").on(t.keyHash),
    foreignKey({ name: "api_keys_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    index("api_keys_tenant_created").on(t.tenantId, t.createdAt),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
