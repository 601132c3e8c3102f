// A member's effective permissions: the union of their built-in groups' (roles') and their custom
// groups' permissions. THE one computation of it: can() checks against the same union, and the pages
// that show it (groups, access review) list it from here.
import type { MemberRole } from "@/db/schema";
import { PERMISSIONS, isPermission } from "../permission-catalog";
import { can, type Permission, type PermissionHolder } from "../permissions";

/**
 * The catalog's permissions among what custom groups carry, as stored (text[]): one a later version
 * dropped from the catalog grants nothing.
 */
export function catalogPermissions(stored: readonly string[]): Permission[] {
  return PERMISSIONS.filter((permission) => stored.includes(permission) && isPermission(permission));
}

/**
 * The member's permissions, in the catalog's order: their roles' and their custom groups', each once,
 * less what the tenant's "Viewers see dashboards only" hides from a member who is only a Viewer.
 */
export function effectivePermissions(member: {
  roles: readonly MemberRole[];
  groupPermissions?: readonly string[];
  inCustomGroup?: boolean;
  viewersSeeDashboardsOnly?: boolean;
}): Permission[] {
  const holder: PermissionHolder = {
    roles: member.roles,
    groupPermissions: catalogPermissions(member.groupPermissions ?? []),
    inCustomGroup: member.inCustomGroup,
    viewersSeeDashboardsOnly: member.viewersSeeDashboardsOnly,
  };
  return PERMISSIONS.filter((permission) => can(holder, permission));
}
