// What the access review shows of one member, on the page, in the CSV and in a superadmin's view of a
// user: their groups (built-in first, then custom, A to Z) and their effective permissions, computed
// by the one function that can() agrees with (lib/groups/effective-permissions.ts).
import type { MemberRole } from "@/db/schema";
import { effectivePermissions } from "@/lib/groups/effective-permissions";
import { rolesLabel, type Permission } from "@/lib/permissions";

export function memberAccess(row: {
  roles: readonly MemberRole[];
  customGroups: readonly string[];
  groupPermissions: readonly string[];
  /** The tenant's "Viewers see dashboards only", read with the row. */
  viewersSeeDashboardsOnly: boolean;
}): { groups: string; permissions: Permission[] } {
  return {
    groups: [rolesLabel(row.roles), ...row.customGroups].filter(Boolean).join(", "),
    permissions: effectivePermissions({
      roles: row.roles,
      groupPermissions: row.groupPermissions,
      inCustomGroup: row.customGroups.length > 0,
      viewersSeeDashboardsOnly: row.viewersSeeDashboardsOnly,
    }),
  };
}
