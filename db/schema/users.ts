import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Global table: one row per person, whatever tenants they belong to.
// Shaped for the Auth.js Drizzle adapter (id, name, email, emailVerified, image) plus platform flags.
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name"),
    email: text("email").notNull().unique(),
    emailVerified: timestamp("email_verified", { mode: "date", withTimezone: true }),
    image: text("image"),
    // argon2id hash (with its own salt and parameters); null until the user sets a password.
    passwordHash: text("password_hash"),
    isSuperadmin: boolean("is_superadmin").notNull().default(false),
    canCreateTenants: boolean("can_create_tenants").notNull().default(false),
    tenantLimit: integer("tenant_limit").notNull().default(1),
    // The tenant the user chose last in the switcher; `/` sends them back there, across sessions.
    // No foreign key: a deleted tenant simply stops matching a membership, and `/` falls back.
    lastTenantId: uuid("last_tenant_id"),
    // When the user last signed in (a session was opened, by any method), set in the transaction that
    // opens it (db/auth-events.ts). Null until then. The access review shows it (issue 15, item 4).
    lastSignInAt: timestamp("last_sign_in_at", { mode: "date", withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Member search by name or email (substring, pg_trgm).
    index("users_email_trgm").using("gin", sql`${t.email} gin_trgm_ops`),
    index("users_name_trgm").using("gin", sql`${t.name} gin_trgm_ops`),
    // Accounts that have never signed in (the members table's "Invited"): a small, shrinking set.
    // The activity log's Actor search: addresses and names by their beginning (LIKE 'typed%'), walked
    // in the index's own order (db/queries/activity/actors.ts).
    index("users_email_prefix").using("btree", t.email.op("text_pattern_ops")),
    index("users_name_prefix").using("btree", sql`lower(${t.name}) text_pattern_ops`),
    index("users_never_signed_in").on(t.id).where(sql`${t.emailVerified} is null`),
    check("users_email_lower_case", sql`${t.email} = lower(${t.email})`),
    check("users_tenant_limit_non_negative", sql`${t.tenantLimit} >= 0`),
  ],
);

export type User = typeof users.$inferSelect;
