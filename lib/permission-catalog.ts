// The permission catalog: every permission a group can carry, with the label its checkbox is named by
// and a one-line description (the Groups and Permissions pages). Keyed by Permission, so a permission
// added to lib/permissions.ts without an entry here does not compile.
import type { Permission } from "./permissions";

export interface PermissionEntry {
  label: string;
  description: string;
}

export const PERMISSION_CATALOG: Record<Permission, PermissionEntry> = {
  "tenant.read": { label: "See the tenant", description: "Open the tenant and its overview." },
  "members.read": { label: "See members", description: "See the member list, their groups and status." },
  "activity.read": { label: "See activity", description: "Read the activity log and export it as CSV." },
  "flows.read": { label: "See flows", description: "See flows and their run history." },
  "settings.read": { label: "See settings", description: "See the tenant's settings." },
  "credentials.read": { label: "See credentials", description: "See which credentials exist (never their values)." },
  "tables.read": { label: "See tables", description: "See data tables and their rows." },
  "connections.read": { label: "See connections", description: "See the tenant's connections and their status (never their secrets)." },
  "dashboards.read": { label: "See dashboards", description: "See the tenant's dashboards and their figures (without needing to see the tables or flows behind them)." },
  "flows.write": { label: "Edit flows", description: "Create, edit and delete flows." },
  "flows.run": { label: "Run flows", description: "Start flow runs." },
  "credentials.use": { label: "Use credentials", description: "Let flows use credentials (and see their last 4 characters)." },
  "tables.write": { label: "Edit tables", description: "Create, rename and delete tables; add, edit and delete rows." },
  "connections.manage": { label: "Manage connections", description: "Create, edit, test, deactivate and delete connections to outside services." },
  "dashboards.manage": { label: "Manage dashboards", description: "Create, rename and delete dashboards; add, move and remove their widgets." },
  "members.manage": { label: "Manage members", description: "Add, suspend and remove members; change their groups; manage groups." },
  "settings.manage": { label: "Manage settings", description: "Change the tenant's settings, login policy and IP allow-lists." },
  "tenant.delete": { label: "Delete tenant", description: "Delete the tenant and everything in it." },
  "credentials.manage": { label: "Manage credentials", description: "Add, replace and delete credentials." },
  "api_keys.manage": { label: "Manage API keys", description: "Create and revoke API keys." },
  "usage.read": { label: "See usage", description: "See what the tenant used per day and its limits." },
  "packages.manage": { label: "Manage packages", description: "Package flows and deploy them to another environment or tenant (under the package IP allow-list)." },
};

/** Every permission, in the catalog's order. */
export const PERMISSIONS = Object.keys(PERMISSION_CATALOG) as Permission[];

export const isPermission = (value: string): value is Permission => Object.hasOwn(PERMISSION_CATALOG, value);
