// Custom groups for the groups tests: made directly in the tenant's scope (no activity entries), so an
// entry found afterwards is the action's own.
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, tenantGroupMembers, tenantGroups } from "@/db/schema";
import { insertGroup, insertGroupMember } from "@/db/queries/groups";
import { uniqueSuffix } from "../support/fixtures";

export const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);

/** A custom group in the tenant with these permissions and these users in it. */
export async function seedGroup(tenantId: string, permissions: string[], userIds: string[] = [], name = `Group ${uniqueSuffix()}`) {
  return inTenant(tenantId, async (tx) => {
    const group = await insertGroup(tx, { name, permissions });
    for (const userId of userIds) await insertGroupMember(tx, group.id, userId);
    return group;
  });
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
