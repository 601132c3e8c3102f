// What the access review shows of one member, on the page, in the CSV and in a superadmin's view of a
// user: their groups (built-in first, then custom, A to Z), their effective permissions, computed by the
// one function that can() agrees with (lib/groups/effective-permissions.ts), and the flow permissions
// they hold only for particular flows (through groups narrowed to "Only these flows"), with those flows.
import type { MemberRole } from "@/db/schema";
import { effectivePermissions } from "@/lib/groups/effective-permissions";
import { isPermission } from "@/lib/permission-catalog";
import { groupsLabel, type Permission } from "@/lib/permissions";

export interface NarrowedPermission {
  permission: Permission;
  /** The flows' names, A to Z. */
  flows: string[];
}

export interface MemberAccess {
  groups: string;
  /** What holds for every flow (and everything else), in the catalog's order. */
  permissions: Permission[];
  /** Held only for these flows: not in `permissions`. */
  narrowed: NarrowedPermission[];
}

export function memberAccess(row: {
  roles: readonly MemberRole[];
  customGroups: readonly string[];
  groupPermissions: readonly string[];
  flowScopes?: readonly { permission: string; flows: string[] }[];
  /** The tenant's "Viewers see dashboards only", read with the row. */
  viewersSeeDashboardsOnly: boolean;
}): MemberAccess {
  const permissions = effectivePermissions({
    roles: row.roles,
    groupPermissions: row.groupPermissions,
    inCustomGroup: row.customGroups.length > 0,
    viewersSeeDashboardsOnly: row.viewersSeeDashboardsOnly,
  });
  const narrowed = (row.flowScopes ?? []).flatMap(({ permission, flows }) =>
    isPermission(permission) && !permissions.includes(permission) && flows.length > 0 ? [{ permission, flows }] : [],
  );
  return { groups: groupsLabel(row.roles, row.customGroups), permissions, narrowed };
}

/** "flows.write (2 flows)": a permission held only for some flows, as the page and the CSV name it. */
export const narrowedLabel = ({ permission, flows }: { permission: string; flows: readonly string[] }) => `${permission} (${flows.length} ${flows.length === 1 ? "flow" : "flows"})`;
