import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { flows, type Environment } from "./flows";
import { memberships } from "./memberships";
export { FLOW_SCOPED_PERMISSIONS } from "./flow-scoped-permissions";
import { tenants } from "./tenants";

// Tenant tables: a tenant's custom groups (issue 15) and who is in them. Viewer, Editor and Admin are
// the built-in groups, kept as memberships.roles; a custom group carries any set of permissions from
// the catalog (lib/permissions.ts, checked by the actions: the catalog grows with features, so the
// column is text[] rather than an enum). A member's permissions are the union of both.

export const tenantGroups = pgTable(
  "tenant_groups",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
    /**
     * "Only these flows": the group's flow-level permissions (FLOW_SCOPED_PERMISSIONS) hold only for the
     * flows in tenant_group_flows. False ("All flows") is the default and what every group had before.
     */
    flowsScoped: boolean("flows_scoped").notNull().default(false),
    // Chosen in Settings under "Require two-factor: Members of chosen groups" (lib/two-factor/requirement.ts).
    twoFactorRequired: boolean("two_factor_required").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "tenant_groups_pk", columns: [t.tenantId, t.id] }),
    // "Engineering" and "engineering" are the same group to a person reading the list.
    uniqueIndex("tenant_groups_tenant_name").on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({ name: "tenant_groups_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    check("tenant_groups_name_not_blank", sql`length(btrim(${t.name})) > 0`),
  ],
);

// A member of a custom group, by user: the foreign key to the membership (tenant_id, user_id) removes
// the row with the membership, and user_id lets the caller's own rows be read in their user scope
// (lib/actor.ts resolves permissions in the transaction that reads the actor).
export const tenantGroupMembers = pgTable(
  "tenant_group_members",
  {
    tenantId: uuid("tenant_id").notNull(),
    groupId: uuid("group_id").notNull(),
    userId: uuid("user_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "tenant_group_members_pk", columns: [t.tenantId, t.groupId, t.userId] }),
    foreignKey({ name: "tenant_group_members_group_fk", columns: [t.tenantId, t.groupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }).onDelete("cascade"),
    foreignKey({ name: "tenant_group_members_member_fk", columns: [t.tenantId, t.userId], foreignColumns: [memberships.tenantId, memberships.userId] }).onDelete("cascade"),
    // A member's groups (their permissions, the members page).
    index("tenant_group_members_user").on(t.tenantId, t.userId),
  ],
);

// The flows a group narrowed to "Only these flows" applies to, by flow id. A flow keeps its id across
// environments (a deploy copies it), so the scope is the flow's id in EVERY environment: the row points
// at the copy the Admin picked (the foreign key needs an existing row; flows are keyed by environment)
// and the check matches the id alone. Deleting the picked copy drops the row (cascade).
export const tenantGroupFlows = pgTable(
  "tenant_group_flows",
  {
    tenantId: uuid("tenant_id").notNull(),
    groupId: uuid("group_id").notNull(),
    flowId: uuid("flow_id").notNull(),
    environment: text("environment").$type<Environment>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "tenant_group_flows_pk", columns: [t.tenantId, t.groupId, t.flowId] }),
    foreignKey({ name: "tenant_group_flows_group_fk", columns: [t.tenantId, t.groupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }).onDelete("cascade"),
    foreignKey({ name: "tenant_group_flows_flow_fk", columns: [t.tenantId, t.environment, t.flowId], foreignColumns: [flows.tenantId, flows.environment, flows.id] }).onDelete("cascade"),
    // The cascade from a deleted flow finds its rows.
    index("tenant_group_flows_flow").on(t.tenantId, t.environment, t.flowId),
  ],
);

export type TenantGroup = typeof tenantGroups.$inferSelect;
