import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantGroups } from "./groups";
import { ssoDefaultGroupChecks, ssoDefaultGroupColumns } from "./sso-default-group";
import { tenants } from "./tenants";
import { users } from "./users";

// Tenant table: the tenant's SAML 2.0 identity provider (issue 16, item 1), at most one per tenant.
// What lib/sso/idp-metadata.ts read from the pasted metadata is kept next to the metadata itself, so
// a sign-in never parses it again. Signed assertions are always required (lib/sso/saml-service-provider.ts).
export const samlConfigs = pgTable(
  "saml_configs",
  {
    tenantId: uuid("tenant_id").notNull(),
    idpMetadataXml: text("idp_metadata_xml").notNull(),
    idpEntityId: text("idp_entity_id").notNull(),
    idpSsoUrl: text("idp_sso_url").notNull(),
    idpCerts: text("idp_certs").array().notNull(),
    emailAttribute: text("email_attribute").notNull().default("email"),
    // On: the tenant's members enter only with a session opened by this IdP (lib/sso/sso-policy.ts),
    // except the break-glass Admin, who may still use the other sign-in methods.
    requireSso: boolean("require_sso").notNull().default(false),
    breakGlassUserId: uuid("break_glass_user_id"),
    // Who a new account joins as (db/schema/sso-default-group.ts).
    ...ssoDefaultGroupColumns(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "saml_configs_pk", columns: [t.tenantId] }),
    foreignKey({ name: "saml_configs_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ name: "saml_configs_break_glass_fk", columns: [t.breakGlassUserId], foreignColumns: [users.id] }).onDelete("set null"),
    // ON DELETE SET NULL (default_group_id) in the migration: only the group column, never tenant_id.
    foreignKey({ name: "saml_configs_default_group_fk", columns: [t.tenantId, t.defaultGroupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }).onDelete("set null"),
    check("saml_configs_default_role_not_admin", ssoDefaultGroupChecks(t)[0]!),
    check("saml_configs_default_group_is_viewer_fallback", ssoDefaultGroupChecks(t)[1]!),
  ],
);

export const SAML_MESSAGE_KINDS = ["request", "assertion"] as const;
export type SamlMessageKind = (typeof SAML_MESSAGE_KINDS)[number];

// Tenant table: SAML message ids this tenant has seen, until they expire. "request": the ids of
// AuthnRequests we sent, so an SP-initiated response's InResponseTo must name one of ours (and only
// once); "assertion": ids of assertions already used, so a replayed assertion is refused.
export const samlMessageIds = pgTable(
  "saml_message_ids",
  {
    tenantId: uuid("tenant_id").notNull(),
    kind: text("kind").$type<SamlMessageKind>().notNull(),
    messageId: text("message_id").notNull(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "saml_message_ids_pk", columns: [t.tenantId, t.kind, t.messageId] }),
    foreignKey({ name: "saml_message_ids_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    check("saml_message_ids_kind", sql`${t.kind} in ('request', 'assertion')`),
    index("saml_message_ids_expiry").on(t.tenantId, t.expiresAt),
  ],
);
