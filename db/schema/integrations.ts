import { check, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { MEMBER_ROLES } from "./member-roles";

type MemberRole = (typeof MEMBER_ROLES)[number];

import type { IntegrationAlgorithm } from "./integration-algorithms";

export * from "./integration-algorithms";

// Global table: a customer's backend allowed to create and act in tenants with signed tokens (issue 13,
// item 5). Its algorithm is pinned: an HS256 integration has only a secret (AES-256-GCM under the
// secrets key, like credentials, bound to the integration's id), an RS256/ES256 one only a public key
// (PEM). Created and revoked by superadmins; read by the API door before any tenant is known.
export const integrations = pgTable(
  "integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    algorithm: text("algorithm").$type<IntegrationAlgorithm>().notNull(),
    secretKeyId: text("secret_key_id"),
    secretIv: text("secret_iv"),
    secretAuthTag: text("secret_auth_tag"),
    secretCiphertext: text("secret_ciphertext"),
    publicKey: text("public_key"),
    defaultLicense: text("default_license").notNull(),
    // Text with a check rather than the member_role enum: the enum lives in memberships.ts, which imports
    // tenants.ts, which references this table.
    defaultRole: text("default_role").$type<MemberRole>().notNull(),
    createdByEmail: text("created_by_email"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { mode: "date", withTimezone: true }),
  },
  (t) => [
    uniqueIndex("integrations_name").on(t.name),
    check("integrations_algorithm", sql`${t.algorithm} in ('HS256', 'RS256', 'ES256')`),
    check("integrations_default_role", sql`${t.defaultRole} in ('viewer', 'editor', 'admin')`),
    // Exactly the key material of its algorithm: no HS256 integration verifies with a public key.
    check(
      "integrations_key_material",
      sql`(${t.algorithm} = 'HS256' and ${t.secretCiphertext} is not null and ${t.publicKey} is null)
        or (${t.algorithm} <> 'HS256' and ${t.publicKey} is not null and ${t.secretCiphertext} is null)`,
    ),
  ],
);

export type Integration = typeof integrations.$inferSelect;
