// The tenant's pages, in nav order (their link names are stable: tests and users rely on them), and
// which of them a caller's nav lists: `adminOnly` pages only for the tenant's Admins, a page with a
// `permission` only for callers holding it (the page itself answers 404 to anyone else).
import { can, type Permission, type PermissionHolder } from "@/lib/permissions";

interface TenantPage {
  label: string;
  path: string;
  adminOnly?: true;
  permission?: Permission;
}

export const TENANT_PAGES: readonly TenantPage[] = [
  { label: "Overview", path: "" },
  { label: "Members", path: "/members" },
  { label: "Access", path: "/access", adminOnly: true },
  { label: "Groups", path: "/groups" },
  { label: "Flows", path: "/flows", permission: "flows.read" },
  { label: "Packages", path: "/packages", adminOnly: true },
  { label: "Tables", path: "/tables", permission: "tables.read" },
  { label: "Dashboards", path: "/dashboards", permission: "dashboards.read" },
  { label: "Connections", path: "/connections", permission: "connections.read" },
  { label: "Credentials", path: "/credentials", permission: "credentials.read" },
  { label: "API keys", path: "/api-keys", adminOnly: true },
  { label: "Activity", path: "/activity" },
  { label: "Usage", path: "/usage", adminOnly: true },
  { label: "Settings", path: "/settings" },
];

/** The pages whose links the caller's nav shows. */
export function tenantNavPages(holder: PermissionHolder, showAdminPages: boolean): TenantPage[] {
  return TENANT_PAGES.filter((page) => (showAdminPages || !page.adminOnly) && (!page.permission || can(holder, page.permission)));
}
