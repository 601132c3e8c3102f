import type { MemberRole } from "@/db/schema";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { FLOW_SCOPED_PERMISSIONS } from "@/db/schema/flow-scoped-permissions";

// What each role may do in its tenant. Roles add up: a member with several roles has the union.
export const ROLE_LABELS = { viewer: "Viewer", editor: "Editor", admin: "Admin" } as const satisfies Record<MemberRole, string>;
/** A role as the pages name it (the checkboxes' and badges' accessible names). */
export type RoleLabel = (typeof ROLE_LABELS)[MemberRole];

// credentials.read: that credentials exist (name, description, who changed them when), never their
// values; credentials.use: a flow may use them (and their last 4 characters show); credentials.manage:
// add, replace, delete. api_keys.manage: the API keys page, creating and revoking keys. usage.read:
// the Usage page (what the tenant used per day and its limits). tables.read: data tables and their rows;
// tables.write: creating, renaming and deleting tables, adding, editing and deleting rows.
// connections.read: the tenant's connections (never their secrets); connections.manage: creating,
// editing, testing, deactivating and deleting them (Editors: connections are what their flows use).
// dashboards.read: the tenant's dashboards and what their widgets show (figures over tables and flow
// runs, for a member who may not read the tables or flows themselves: the agency-client pattern);
// dashboards.manage: creating, renaming and deleting dashboards, adding, moving and removing widgets.
// packages.manage: making packages of flows and deploying them (to another environment or tenant).
const VIEWER = ["tenant.read", "members.read", "activity.read", "flows.read", "settings.read", "credentials.read", "tables.read", "connections.read", "dashboards.read"] as const;
const EDITOR = [...VIEWER, "flows.write", "flows.run", "credentials.use", "tables.write", "connections.manage", "dashboards.manage"] as const;
const ADMIN = [...EDITOR, "members.manage", "settings.manage", "tenant.delete", "credentials.manage", "api_keys.manage", "usage.read", "packages.manage"] as const;

export type Permission = (typeof ADMIN)[number];

const PERMISSIONS_OF: Record<MemberRole, readonly Permission[]> = { viewer: VIEWER, editor: EDITOR, admin: ADMIN };

/** The permissions of a built-in group (role). */
export const permissionsOfRole = (role: MemberRole): readonly Permission[] => PERMISSIONS_OF[role];

/**
 * Who holds permissions: built-in groups (roles) and, for a member, the permissions of their custom
 * groups (lib/groups/effective-permissions.ts). An object, not a list of roles, so no check can forget
 * the custom groups by passing the roles alone.
 */
export interface PermissionHolder {
  roles: readonly MemberRole[];
  /** The union of the member's custom groups' permissions, read with the membership (none for API keys). */
  groupPermissions?: readonly Permission[];
  /**
   * Flow permissions held only for the flows a group was narrowed to: can() never counts them (a check
   * without a flow refuses), canForFlow (lib/groups/flow-access.ts) does for the flows named.
   */
  flowScopedPermissions?: readonly Permission[];
}

/** The permissions a group can narrow to particular flows (db/schema/groups.ts keeps the list). */
export type FlowScopedPermission = (typeof FLOW_SCOPED_PERMISSIONS)[number];
export const isFlowScopedPermission = (permission: Permission): permission is FlowScopedPermission =>
  (FLOW_SCOPED_PERMISSIONS as readonly string[]).includes(permission);

export function can(holder: PermissionHolder, permission: Permission): boolean {
  return holder.roles.some((role) => PERMISSIONS_OF[role].includes(permission)) || (holder.groupPermissions ?? []).includes(permission);
}

/** Roles in their canonical order (Viewer, Editor, Admin), each once. */
export function canonicalRoles(roles: readonly MemberRole[]): MemberRole[] {
  return MEMBER_ROLES.filter((role) => roles.includes(role));
}

/** "Viewer, Editor": how roles read in messages, mail and the activity log. */
export function rolesLabel(roles: readonly MemberRole[]): string {
  return canonicalRoles(roles).map((role) => ROLE_LABELS[role]).join(", ");
}

/** The built-in groups (roles) that carry `permission`, in canonical order (the access review's permission filter). */
export function rolesGranting(permission: Permission): MemberRole[] {
  return MEMBER_ROLES.filter((role) => PERMISSIONS_OF[role].includes(permission));
}

// Every flow-scoped permission is a Permission (compile-time: a renamed permission breaks here).
FLOW_SCOPED_PERMISSIONS satisfies readonly Permission[];
