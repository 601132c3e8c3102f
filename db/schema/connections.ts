import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { tenants } from "./tenants";

// Tenant table (issue 14): a tenant's connections to outside services, each of one connector of the
// read-only catalog (lib/connections/catalog.ts, code shared by all tenants). Settings that are not
// secret (a base URL, a host) are plain JSON; the secrets (a token, a password, the webhook's token)
// are one JSON object encrypted exactly like a credential's value (AES-256-GCM, lib/secrets/cipher.ts,
// bound to the tenant and the row), re-encrypted by rotate-secrets-key. No query ever returns them.
export const CONNECTION_STATUSES = ["active", "inactive", "failing"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const connections = pgTable(
  "connections",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    connector: text("connector").notNull(),
    settings: jsonb("settings").$type<Record<string, string | number | boolean>>().notNull().default({}),
    keyId: text("key_id").notNull(),
    iv: text("iv").notNull(),
    authTag: text("auth_tag").notNull(),
    ciphertext: text("ciphertext").notNull(),
    status: text("status").$type<ConnectionStatus>().notNull().default("active"),
    /** Why the last test failed, in words (never a stack trace). */
    lastError: text("last_error"),
    lastTestedAt: timestamp("last_tested_at", { withTimezone: true }),
    /** An incoming webhook's last accepted POST. */
    lastReceivedAt: timestamp("last_received_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * One more on every change a person or the archive makes (db/queries/connections.ts): what "Test
     * connection" compares to see the connection changed while it was called. updated_at cannot say
     * it: two writes within its resolution (or one transaction's now()) would carry the same time.
     */
    version: integer("version").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "connections_pk", columns: [t.tenantId, t.id] }),
    unique("connections_tenant_name").on(t.tenantId, t.name),
    check("connections_status", sql`status in ('active', 'inactive', 'failing')`),
    foreignKey({ name: "connections_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    index("connections_tenant_status").on(t.tenantId, t.status),
  ],
);

export type Connection = typeof connections.$inferSelect;
