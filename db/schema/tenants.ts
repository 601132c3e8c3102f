import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { integrations } from "./integrations";
import type { MEMBER_ROLES } from "./member-roles";
import { users } from "./users";

type MemberRole = (typeof MEMBER_ROLES)[number];

export const TWO_FACTOR_REQUIREMENTS = ["off", "admins", "everyone", "groups"] as const;
export type TwoFactorRequirement = (typeof TWO_FACTOR_REQUIREMENTS)[number];

// Global table: the tenant itself (Citus reference table one day). Everything a tenant owns
// lives in tenant tables keyed by tenant_id.
export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    contactEmail: text("contact_email"),
    // A key of the license catalog in lib/licenses.ts; flow_cap starts at the license's default and a
    // superadmin may override it.
    license: text("license").notNull().default("free"),
    flowCap: integer("flow_cap").notNull().default(5),
    magicLinkEnabled: boolean("magic_link_enabled").notNull().default(true),
    // Set by superadmins (issue 13, item 4); null is no limit. API requests per minute (GCRA, in
    // api_rate_limits) and flow runs in the last 30 days (the sum of tenant_usage.flow_runs).
    apiRequestsPerMinute: integer("api_requests_per_minute"),
    flowRunsPer30Days: integer("flow_runs_per_30_days"),
    // Who must have two-factor to enter the tenant (lib/two-factor/requirement.ts): "off", "admins"
    // (members holding the Admin role), "everyone", or "groups": members of the chosen groups, the
    // built-in ones here (two_factor_roles) and the custom ones flagged on their row
    // (tenant_groups.two_factor_required, so deleting a group takes it out of the requirement).
    twoFactorRequired: text("two_factor_required").$type<TwoFactorRequirement>().notNull().default("off"),
    // text[] rather than member_role[]: this global table's module cannot import the memberships enum
    // (memberships imports tenants); the check keeps it to the built-in groups' names.
    twoFactorRoles: text("two_factor_roles").array().$type<MemberRole[]>().notNull().default(sql`'{}'::text[]`),
    // Who created (owns) the tenant: their tenant limit counts the tenants they own.
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    // Kept by triggers on memberships and flows (migration 0005), so limits and the superadmin's tenant
    // table read one row instead of counting inside tenants they have not entered.
    memberCount: integer("member_count").notNull().default(0),
    flowCount: integer("flow_count").notNull().default(0),
    // Members by status and roles, {"<status>:<role,role>": count} (roles sorted), kept by a trigger on
    // memberships (migration members_and_platform_log_at_scale): the members table's total under a status or role
    // filter is summed from these few entries instead of counted over up to every member.
    memberTally: jsonb("member_tally").$type<Record<string, number>>().notNull().default({}),
    // Set when an integration's signed token created the tenant (issue 13, item 5): the integration and
    // the tenant's id in the customer's system. Unique together, so two first calls create one tenant and
    // one integration's ids never name another's tenants. Integrations are revoked, never deleted.
    integrationId: uuid("integration_id").references(() => integrations.id),
    externalId: text("external_id"),
    // Set while the tenant is archived (issue 14, item 5): members read but change nothing, API keys and
    // tokens are refused, flows do not run. The write core refuses first (lib/actions/tenant-archive.ts);
    // a trigger on every tenant table refuses the runtime role's writes too (migration tenant_archive).
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    // "Viewers see dashboards only" (issue 14, item 4; Settings, section "Client access"): callers whose
    // only group is the built-in Viewer lose flows, tables, connections and credentials (lib/permissions.ts).
    viewersSeeDashboardsOnly: boolean("viewers_see_dashboards_only").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("tenants_slug_format", sql`${t.slug} ~ '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$'`),
    check("tenants_two_factor_required", sql`${t.twoFactorRequired} in ('off', 'admins', 'everyone', 'groups')`),
    check("tenants_two_factor_roles", sql`${t.twoFactorRoles} <@ array['viewer', 'editor', 'admin']::text[]`),
    check("tenants_flow_cap_non_negative", sql`${t.flowCap} >= 0`),
    check("tenants_api_requests_per_minute_positive", sql`${t.apiRequestsPerMinute} > 0`),
    check("tenants_flow_runs_per_30_days_non_negative", sql`${t.flowRunsPer30Days} >= 0`),
    index("tenants_created_by").on(t.createdBy),
    // Names are unique regardless of case and spacing ("Acme  corporation" is "acme Corporation"):
    // lower-cased, trimmed, runs of whitespace as one space. Migration 0021 renamed clashes first.
    uniqueIndex("tenants_name_normalised").on(sql`lower(btrim(regexp_replace(${t.name}, '\\s+', ' ', 'g')))`),
    uniqueIndex("tenants_integration_external").on(t.integrationId, t.externalId),
    check("tenants_integration_external_together", sql`(${t.integrationId} is null) = (${t.externalId} is null)`),
  ],
);

export type Tenant = typeof tenants.$inferSelect;
