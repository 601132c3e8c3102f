import { foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { memberships } from "./memberships";
import { tenants } from "./tenants";

// Tenant table: the invitation of an Invited membership (migration 0014). Only a SHA-256 of the token
// is stored; the token exists only in the mailed link /join/<slug>?token=. A membership may have had
// several (each resend revokes the one before); at most one is open.
export const memberInvitations = pgTable(
  "member_invitations",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    membershipId: uuid("membership_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { mode: "date", withTimezone: true }),
    revokedAt: timestamp("revoked_at", { mode: "date", withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "member_invitations_pk", columns: [t.tenantId, t.id] }),
    unique("member_invitations_token").on(t.tenantId, t.tokenHash),
    foreignKey({ name: "member_invitations_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({
      name: "member_invitations_membership_fk",
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }).onDelete("cascade"),
    index("member_invitations_membership").on(t.tenantId, t.membershipId),
  ],
);
