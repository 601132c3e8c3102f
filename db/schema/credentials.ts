import { foreignKey, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

// Tenant table: a tenant's named secrets (migration 0017). The value is stored only encrypted
// (AES-256-GCM, lib/secrets/cipher.ts) under the key named by key_id, bound to the tenant and the row
// (the cipher's additional data), so a value copied into another row or tenant does not decrypt.
// What the console shows of the value is its last 4 characters; who changed it last is copied (not
// joined), like the activity log's actor.
export const credentials = pgTable(
  "credentials",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    keyId: text("key_id").notNull(),
    iv: text("iv").notNull(),
    authTag: text("auth_tag").notNull(),
    ciphertext: text("ciphertext").notNull(),
    valueLast4: text("value_last4").notNull(),
    updatedByUserId: uuid("updated_by_user_id"),
    updatedByEmail: text("updated_by_email"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "credentials_pk", columns: [t.tenantId, t.id] }),
    unique("credentials_tenant_name").on(t.tenantId, t.name),
    foreignKey({ name: "credentials_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  ],
);

export type Credential = typeof credentials.$inferSelect;
