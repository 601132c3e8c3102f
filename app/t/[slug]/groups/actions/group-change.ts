// What every group change shares: the group looked up (and locked) in this tenant only, the name's
// uniqueness, and how the activity entry describes a group. Every group action takes the tenant lock
// (lockTenant), like the membership changes: with them they run one at a time, so the keep-a-manager
// rule (lib/groups/keep-a-manager.ts) never passes on a stale count.
import "server-only";
import { findGroup } from "@/db/queries/groups";
import type { TenantTx } from "@/db/scopes";
import { requireRow } from "@/lib/actions/require-row";
import { withUniqueName } from "@/lib/actions/unique-name";
import type { ActivityRecord } from "@/lib/actions/core";
import { PERMISSION_CATALOG } from "@/lib/permission-catalog";
import type { Permission } from "@/lib/permissions";

export type Group = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

/** The group with this id in the caller's tenant, locked until commit; any other id is not found. */
export function requireGroup(tx: TenantTx, groupId: string): Promise<Group> {
  return requireRow(groupId, (id) => findGroup(tx, id, { lock: true }));
}

/** A write whose only expected refusal is the group's name, taken in this tenant (in any case). */
export const withUniqueGroupName = <T,>(write: () => Promise<T>) =>
  withUniqueName("tenant_groups_tenant_name", "A group with this name already exists in this tenant.", write);

/** "Manage members, Run flows" (or "no permissions"): how a group's permissions read in the log. */
export function permissionsLabel(permissions: readonly string[]): string {
  const labels = permissions.map((permission) => PERMISSION_CATALOG[permission as Permission]?.label ?? permission);
  return labels.length ? labels.join(", ") : "no permissions";
}

/** The activity entry of a change to a group. */
export function groupActivity(action: string, group: Pick<Group, "id">, summary: string, details: Record<string, unknown>): ActivityRecord {
  return { action, targetType: "group", targetId: group.id, summary, details };
}
