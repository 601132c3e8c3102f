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
  /**
   * The tenant's "Viewers see dashboards only" setting (tenants.viewers_see_dashboards_only), read in
   * the same statement as the caller's membership, key or token. Absent: off.
   */
  viewersSeeDashboardsOnly?: boolean;
  /** The member is in at least one custom group (read with the membership); never for keys and tokens. */
  inCustomGroup?: boolean;
}

/**
 * What "Viewers see dashboards only" takes from a Viewer (issue 14, item 4: the agency-client pattern,
 * clients invited as Viewers see dashboards without the internal flows, tables, connections and
 * credentials). Every page, action, nav link and API route that checks one of these (or, for flows,
 * the per-flow check, which starts from can()) follows from can() alone.
 */
export const HIDDEN_FROM_DASHBOARD_VIEWERS = ["flows.read", "tables.read", "connections.read", "credentials.read"] as const satisfies readonly Permission[];

/**
 * Whether the setting holds for this caller. Who is a "Viewer" here, decided once: a caller whose ONLY
 * group is the built-in Viewer group: a member with the Viewer role alone and in no custom group, an
 * API key (or an integration's token) with the Viewer role. A member who also has Editor or Admin, or
 * is in any custom group (even one that grants nothing more: an Admin who put a client in a group
 * chose that client's access by hand), keeps what their groups give; so do visiting superadmins (Admin).
 */
export function seesDashboardsOnly(holder: PermissionHolder): boolean {
  const inCustomGroup = holder.inCustomGroup || (holder.groupPermissions?.length ?? 0) > 0 || (holder.flowScopedPermissions?.length ?? 0) > 0;
  return holder.viewersSeeDashboardsOnly === true && holder.roles.length > 0 && holder.roles.every((role) => role === "viewer") && !inCustomGroup;
}

export const isHiddenFromDashboardViewers = (permission: Permission) => (HIDDEN_FROM_DASHBOARD_VIEWERS as readonly Permission[]).includes(permission);

/** The permissions a group can narrow to particular flows (db/schema/groups.ts keeps the list). */
export type FlowScopedPermission = (typeof FLOW_SCOPED_PERMISSIONS)[number];
export const isFlowScopedPermission = (permission: Permission): permission is FlowScopedPermission =>
  (FLOW_SCOPED_PERMISSIONS as readonly string[]).includes(permission);

/** THE permission check: the caller's groups' union, less what "Viewers see dashboards only" hides from them. */
export function can(holder: PermissionHolder, permission: Permission): boolean {
  if (isHiddenFromDashboardViewers(permission) && seesDashboardsOnly(holder)) return false;
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

/**
 * "Editor, Marketing": a member's built-in groups (roles), then their custom groups, as pages, mail and
 * the log name them. A member in custom groups only reads as those groups alone.
 */
export function groupsLabel(roles: readonly MemberRole[], customGroupNames: readonly string[]): string {
  return [rolesLabel(roles), ...customGroupNames].filter(Boolean).join(", ");
}

/** The built-in groups (roles) that carry `permission`, in canonical order (the access review's permission filter). */
export function rolesGranting(permission: Permission): MemberRole[] {
  return MEMBER_ROLES.filter((role) => PERMISSIONS_OF[role].includes(permission));
}

// Every flow-scoped permission is a Permission (compile-time: a renamed permission breaks here).
FLOW_SCOPED_PERMISSIONS satisfies readonly Permission[];
