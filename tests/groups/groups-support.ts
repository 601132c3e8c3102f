// Custom groups for the groups tests: made directly in the tenant's scope (no activity entries), so an
// entry found afterwards is the action's own.
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, tenantGroupMembers, tenantGroups } from "@/db/schema";
import { insertGroup, insertGroupMember } from "@/db/queries/groups";
import { insertMembership } from "@/db/queries/memberships";
import { PERMISSIONS } from "@/lib/permission-catalog";
import { addMember, createUser, uniqueSuffix, type createTwoTenants } from "../support/fixtures";

export const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);

/** A custom group in the tenant with these permissions and these users in it. */
export async function seedGroup(tenantId: string, permissions: string[], userIds: string[] = [], name = `Group ${uniqueSuffix()}`) {
  return inTenant(tenantId, async (tx) => {
    const group = await insertGroup(tx, { name, permissions });
    for (const userId of userIds) await insertGroupMember(tx, group.id, userId);
    return group;
  });
}

/**
 * A member in custom groups only (no built-in Viewer / Editor / Admin): the membership and its group
 * in one transaction, as the database's "at least one group" rule is checked at commit.
 */
export async function seedGroupsOnlyMember(tenantId: string, label: string, permissions: string[]) {
  const user = await createUser(label);
  const group = await inTenant(tenantId, async (tx) => {
    await insertMembership(tx, { userId: user.id, roles: [] });
    const created = await insertGroup(tx, { name: `Group ${uniqueSuffix()}`, permissions });
    await insertGroupMember(tx, created.id, user.id);
    return created;
  });
  return { user, group };
}

/** Everything of the tenant's groups and its log, to compare before and after a refusal. */
export async function groupsSnapshot(tenantId: string) {
  return inTenant(tenantId, async (tx) => ({
    groups: await tx.select().from(tenantGroups).where(eq(tenantGroups.tenantId, tenantId)).orderBy(tenantGroups.id),
    members: await tx.select().from(tenantGroupMembers).where(eq(tenantGroupMembers.tenantId, tenantId)).orderBy(tenantGroupMembers.groupId, tenantGroupMembers.userId),
    activityEntries: (await tx.select({ id: activity.id }).from(activity).where(eq(activity.tenantId, tenantId))).length,
  }));
}

/** The entries of one action name in the tenant's log. */
export const entriesOf = (tenantId: string, action: string) =>
  inTenant(tenantId, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

type User = { id: string; email: string };

/**
 * The callers of the members.manage matrices (group actions, the members page's role editor), in
 * tenant A of `world`: built-in groups, custom groups with and without Manage members, an Admin of
 * tenant B and a signed-out visitor.
 */
export async function membersManageCallers(world: Awaited<ReturnType<typeof createTwoTenants>>): Promise<Record<string, User | null>> {
  const groupsOnly = async (label: string, permissions: string[]) => (await seedGroupsOnlyMember(world.a.id, label, permissions)).user;
  const member = async (label: string, role: "viewer" | "editor", permissions: string[] = []) => {
    const user = await createUser(label);
    await addMember(world.a.id, user.id, [role]);
    if (permissions.length) await seedGroup(world.a.id, permissions, [user.id]);
    return user;
  };
  return {
    Viewer: await member("viewer", "viewer"),
    Editor: await member("editor", "editor"),
    Admin: world.adminA,
    // Groups only, no built-in group: exactly the group's permissions (issue 15).
    "member only in a group with Manage members": await groupsOnly("managers", ["members.manage"]),
    "member only in a group with every other permission": await groupsOnly("all-but", PERMISSIONS.filter((p) => p !== "members.manage")),
    "Viewer in a group with Manage members": await member("viewer-managers", "viewer", ["members.manage"]),
    "Admin of another tenant": world.adminB,
    "signed-out visitor": null,
  };
}

/** What each of membersManageCallers gets from an action that needs members.manage. */
export const MEMBERS_MANAGE_EXPECTED: Record<string, "ok" | "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED"> = {
  Viewer: "FORBIDDEN",
  Editor: "FORBIDDEN",
  Admin: "ok",
  "member only in a group with Manage members": "ok",
  "member only in a group with every other permission": "FORBIDDEN",
  "Viewer in a group with Manage members": "ok",
  "Admin of another tenant": "NOT_FOUND",
  "signed-out visitor": "UNAUTHENTICATED",
};
