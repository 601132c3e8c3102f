import { foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { MEMBER_ROLES } from "./member-roles";
import { tenants } from "./tenants";
import { users } from "./users";

export const memberRole = pgEnum("member_role", MEMBER_ROLES);
// Per tenant: invited (added, has not accepted this tenant's invitation) -> active -> suspended.
export const membershipStatus = pgEnum("membership_status", ["invited", "active", "suspended"]);

// Tenant table: a user's place in one tenant, with its built-in groups (roles) there: none when the
// member is in a custom group (tenant_group_members).
export const memberships = pgTable(
  "memberships",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id").notNull(),
    roles: memberRole("roles").array().notNull(),
    status: membershipStatus("status").notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Copies of the member's account, kept by triggers (migration members_and_platform_log_at_scale), so the members
    // table sorts by name or email from this tenant's own rows in index order instead of joining and
    // sorting all of them. member_name is the name the tenant may see: null while the member is
    // Invited (the account's name is not theirs to learn before the member accepts). Whatever a
    // statement writes here is overwritten from users on every insert and update.
    memberName: text("member_name"),
    // The default only lets an insert leave it out: the trigger fills it before the row is stored.
    memberEmail: text("member_email").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("memberships_tenant_user").on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    // The switcher lists a user's tenants: memberships by user, across tenants.
    index("memberships_user").on(t.userId),
    // The members table in its default order (newest first), any page of it. It also carries
    // user_id, status and roles, which the policy (user_id) and the status and role filters test
    // entry by entry (under row-level security enum `=` and array `@>` cannot be index conditions:
    // they are not leakproof), so reading the table in this order is an index-only scan.
    index("memberships_tenant_created").on(
      t.tenantId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
      t.userId,
      t.status,
      t.roles,
    ),
    // The members table sorted by name (no visible name last, A to Z; read backwards for Z to A) and
    // by email: ORDER BY ... LIMIT reads a page's worth of the tenant's entries in this order.
    index("memberships_tenant_name").on(t.tenantId, t.memberName, t.memberEmail),
    index("memberships_tenant_email").on(t.tenantId, t.memberEmail),
    // No check on roles: a member may hold no built-in group when they are in a custom one. "At least
    // one group (built-in or custom)" spans two tables, so it is a deferred constraint trigger
    // (migration members_in_custom_groups_only), checked at commit once both tables are written.
  ],
);

export type Membership = typeof memberships.$inferSelect;
export type MemberRole = (typeof memberRole.enumValues)[number];
export type MembershipStatus = (typeof membershipStatus.enumValues)[number];
