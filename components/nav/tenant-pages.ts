// The tenant's pages, in nav order (their link names are stable: tests and users rely on them), and
// which of them a caller's nav lists: `adminOnly` pages only for the tenant's Admins, a page with a
// `permission` only for callers holding it (the page itself answers 404 to anyone else).
import { ACCESS_REVIEW_PERMISSION } from "@/lib/access-review/permission";
import { can, type Permission, type PermissionHolder } from "@/lib/permissions";

interface TenantPage {
  label: string;
  path: string;
  adminOnly?: true;
  permission?: Permission;
}

export const TENANT_PAGES: readonly TenantPage[] = [
  // Every active member: their own roles and groups in the tenant (the landing page).
  { label: "Overview", path: "" },
  // Each page below with the permission the page itself checks: a member in custom groups only holds
  // exactly their groups' permissions (no Viewer baseline), so no link may assume one.
  { label: "Members", path: "/members", permission: "members.read" },
  { label: "Access", path: "/access", adminOnly: true, permission: ACCESS_REVIEW_PERMISSION },
  { label: "Groups", path: "/groups", permission: "members.read" },
  { label: "Flows", path: "/flows", permission: "flows.read" },
  { label: "Packages", path: "/packages", adminOnly: true, permission: "packages.manage" },
  { label: "Tables", path: "/tables", permission: "tables.read" },
  { label: "Dashboards", path: "/dashboards", permission: "dashboards.read" },
  { label: "Connections", path: "/connections", permission: "connections.read" },
  { label: "Credentials", path: "/credentials", permission: "credentials.read" },
  { label: "API keys", path: "/api-keys", adminOnly: true, permission: "api_keys.manage" },
  { label: "Activity", path: "/activity", permission: "activity.read" },
  { label: "Usage", path: "/usage", adminOnly: true, permission: "usage.read" },
  { label: "Settings", path: "/settings", permission: "settings.read" },
];

/** The pages whose links the caller's nav shows. */
export function tenantNavPages(holder: PermissionHolder, showAdminPages: boolean): TenantPage[] {
  return TENANT_PAGES.filter((page) => (showAdminPages || !page.adminOnly) && (!page.permission || can(holder, page.permission)));
}
