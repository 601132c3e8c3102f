// What the members tests share: members with any status, and snapshots of a tenant's memberships,
// log and counter to prove that a refused action changed nothing.
import { and, asc, count, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { insertMembership } from "@/db/queries/memberships";
import { activity, memberships, tenants, users, type MemberRole, type MembershipStatus } from "@/db/schema";
import { createTenant, createUser } from "../support/fixtures";

export type TestUser = { id: string; email: string };

export async function addMemberWith(tenantId: string, userId: string, roles: MemberRole[], status: MembershipStatus = "active") {
  return withTenant({ tenantId, userId: null }, (tx) => insertMembership(tx, { userId, roles, status }));
}

/** A new user who is a member of the tenant; returns the user and the membership id. */
export async function newMember(tenantId: string, label: string, roles: MemberRole[] = ["viewer"], status: MembershipStatus = "active") {
  const user = await createUser(label);
  const membership = await addMemberWith(tenantId, user.id, roles, status);
  return { user, memberId: membership.id };
}

/** A tenant whose Admin, Editor and Viewer are all set up, for the callers of a matrix. */
export async function tenantWithRoles(label: string) {
  const tenant = await createTenant(label);
  const admin = await newMember(tenant.id, `${label}-admin`, ["admin"]);
  const editor = await newMember(tenant.id, `${label}-editor`, ["editor"]);
  const viewer = await newMember(tenant.id, `${label}-viewer`, ["viewer"]);
  return { tenant, admin: admin.user, editor: editor.user, viewer: viewer.user, adminMemberId: admin.memberId };
}

export async function membershipsOf(tenantId: string) {
  return withTenant({ tenantId, userId: null }, (tx) =>
    tx
      .select({ id: memberships.id, userId: memberships.userId, roles: memberships.roles, status: memberships.status })
      .from(memberships)
      .where(eq(memberships.tenantId, tenantId))
      .orderBy(asc(memberships.id)),
  );
}

export async function membershipById(tenantId: string, membershipId: string) {
  return (await membershipsOf(tenantId)).find((m) => m.id === membershipId) ?? null;
}

export async function activityOf(tenantId: string, action?: string) {
  return withTenant({ tenantId, userId: null }, (tx) =>
    tx
      .select()
      .from(activity)
      .where(action ? and(eq(activity.tenantId, tenantId), eq(activity.action, action)) : eq(activity.tenantId, tenantId))
      .orderBy(asc(activity.createdAt)),
  );
}

/** Everything a members action could change in one tenant. */
export async function snapshot(tenantId: string) {
  const [counter] = await withSystem((tx) => tx.select({ memberCount: tenants.memberCount }).from(tenants).where(eq(tenants.id, tenantId)));
  const [entries] = await withTenant({ tenantId, userId: null }, (tx) =>
    tx.select({ value: count() }).from(activity).where(eq(activity.tenantId, tenantId)),
  );
  return { memberships: await membershipsOf(tenantId), activityEntries: entries?.value, memberCount: counter?.memberCount };
}

export async function userByEmail(email: string) {
  const [row] = await withSystem((tx) => tx.select().from(users).where(eq(users.email, email)));
  return row ?? null;
}

export async function countActiveAdmins(tenantId: string) {
  return (await membershipsOf(tenantId)).filter((m) => m.status === "active" && m.roles.includes("admin")).length;
}
