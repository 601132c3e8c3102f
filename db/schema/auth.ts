import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { users } from "./users";

// Global tables owned by Auth.js (official Drizzle adapter shapes). Sessions live here, not in
// process memory, so any number of app servers can serve the same user and a session can be revoked.

export const accounts = pgTable(
  "accounts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<"email" | "oauth" | "oidc" | "webauthn">().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export type AuthMethod = "magic_link" | "password" | "saml" | "oidc";

/** A stored auth_method as the type says it (anything unknown counts as the weakest, a magic link). */
export function authMethodOf(stored: unknown): AuthMethod {
  return stored === "password" || stored === "saml" || stored === "oidc" ? stored : "magic_link";
}

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
    // How the session was opened: a tenant with magic links switched off refuses "magic_link" sessions.
    authMethod: text("auth_method").$type<AuthMethod>().notNull().default("magic_link"),
    // When the holder passed the second factor (lib/two-factor): null until then. A user with
    // two-factor enrolled cannot use a session without it (lib/actor.ts getSessionUser).
    secondFactorAt: timestamp("second_factor_at", { mode: "date", withTimezone: true }),
    // The tenant whose identity provider opened the session (SAML, OpenID Connect): such a session is
    // that tenant's only (lib/sso/session-binding.ts), since a tenant's IdP speaks for no other tenant.
    // Null for the account's own sign-ins (magic link, password), which reach all of its tenants.
    ssoTenantId: uuid("sso_tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
  },
  (t) => [
    // Revoking every session of a user is a lookup by user.
    index("sessions_user").on(t.userId),
    // Deleting a tenant deletes the sessions its IdP opened.
    index("sessions_sso_tenant").on(t.ssoTenantId),
    // Every single sign-on session is bound to its tenant; no other session is.
    check("sessions_sso_bound", sql`(${t.authMethod} in ('saml', 'oidc')) = (${t.ssoTenantId} is not null)`),
  ],
);

// `token` holds Auth.js's SHA-256 of (raw token + secret); the raw token exists only in the mail.
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);
