import { boolean, check, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantGroups } from "./groups";
import { ssoDefaultGroupChecks, ssoDefaultGroupColumns } from "./sso-default-group";
import { tenants } from "./tenants";
import { users } from "./users";

// Tenant table: the tenant's OpenID Connect provider (issue 16, item 1, beyond the document), at most
// one per tenant. A tenant has ONE single sign-on configuration: SAML (saml_configs) or OIDC (this
// table); saving one removes the other in the same transaction (app/t/[slug]/settings/sso/actions.ts),
// so "Sign in with single sign-on" on /login/<slug> has one protocol to start. The client secret is
// encrypted like credential values (lib/secrets/cipher.ts), bound to its tenant (lib/sso/oidc-secret.ts).
export const oidcConfigs = pgTable(
  "oidc_configs",
  {
    tenantId: uuid("tenant_id").notNull(),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    secretKeyId: text("secret_key_id").notNull(),
    secretIv: text("secret_iv").notNull(),
    secretAuthTag: text("secret_auth_tag").notNull(),
    secretCiphertext: text("secret_ciphertext").notNull(),
    emailClaim: text("email_claim").notNull().default("email"),
    // As in saml_configs: on, the tenant's members enter only with a session opened by this provider
    // (lib/sso/sso-policy.ts), except the break-glass Admin.
    requireSso: boolean("require_sso").notNull().default(false),
    breakGlassUserId: uuid("break_glass_user_id"),
    // Who a new account joins as (db/schema/sso-default-group.ts).
    ...ssoDefaultGroupColumns(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "oidc_configs_pk", columns: [t.tenantId] }),
    foreignKey({ name: "oidc_configs_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ name: "oidc_configs_break_glass_fk", columns: [t.breakGlassUserId], foreignColumns: [users.id] }).onDelete("set null"),
    // ON DELETE SET NULL (default_group_id) in the migration: only the group column, never tenant_id.
    foreignKey({ name: "oidc_configs_default_group_fk", columns: [t.tenantId, t.defaultGroupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }).onDelete("set null"),
    check("oidc_configs_default_role_not_admin", ssoDefaultGroupChecks(t)[0]!),
    check("oidc_configs_default_group_is_viewer_fallback", ssoDefaultGroupChecks(t)[1]!),
  ],
);

// Tenant table: the OIDC sign-ins this tenant started and not yet finished (lib/sso/oidc-start.ts):
// the state (also in the browser's cookie), the nonce the ID token must carry and the PKCE verifier.
// Each row answers one callback (deleted when it is used) and expires after a few minutes. Keyed by
// tenant, so a callback at tenant B never finds a state that tenant A started.
export const oidcSignInRequests = pgTable(
  "oidc_sign_in_requests",
  {
    tenantId: uuid("tenant_id").notNull(),
    state: text("state").notNull(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    returnTo: text("return_to").notNull(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "oidc_sign_in_requests_pk", columns: [t.tenantId, t.state] }),
    foreignKey({ name: "oidc_sign_in_requests_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    index("oidc_sign_in_requests_expiry").on(t.tenantId, t.expiresAt),
  ],
);
