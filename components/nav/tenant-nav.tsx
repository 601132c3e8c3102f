import Link from "next/link";
import type { SwitcherTenant, TenantSummary } from "@/db/queries/tenants";
import { switchTenant } from "@/app/t/[slug]/actions";
import type { Permission } from "@/lib/permissions";
import { SignOutButton } from "./sign-out-button";
import { NavLink } from "./nav-link";
import { TenantSwitcher } from "./tenant-switcher";

// The tenant's pages, in nav order (their link names are stable: tests and users rely on them).
// `adminOnly` pages are listed only for callers who may open them (the page itself answers 404), and
// so are pages that need a `permission` ("Viewers see dashboards only" takes the read permissions of
// Flows, Tables, Connections and Credentials from Viewers: lib/permissions.ts).
const TENANT_PAGES: { label: string; path: string; adminOnly?: boolean; permission?: Permission }[] = [
  { label: "Overview", path: "" },
  { label: "Members", path: "/members" },
  { label: "Access", path: "/access", adminOnly: true },
  { label: "Groups", path: "/groups" },
  { label: "Flows", path: "/flows", permission: "flows.read" },
  { label: "Packages", path: "/packages", adminOnly: true },
  { label: "Tables", path: "/tables", permission: "tables.read" },
  { label: "Connections", path: "/connections", permission: "connections.read" },
  { label: "Credentials", path: "/credentials", permission: "credentials.read" },
  { label: "API keys", path: "/api-keys", adminOnly: true },
  { label: "Activity", path: "/activity" },
  { label: "Usage", path: "/usage", adminOnly: true },
  { label: "Settings", path: "/settings" },
];

export function TenantNav({
  tenant,
  tenants,
  email,
  canCreateTenants = false,
  showAdmin = false,
  showAdminPages = false,
  permissions,
}: {
  tenant: TenantSummary;
  tenants: SwitcherTenant[];
  email: string;
  /** Shows "Create tenant" (the page itself says when the tenant limit is reached). */
  canCreateTenants?: boolean;
  /** Superadmins get a link to the admin console. */
  showAdmin?: boolean;
  /** The tenant's Admins get the links to pages only they may open (API keys, Usage). */
  showAdminPages?: boolean;
  /** The caller's effective permissions in the tenant: a page that needs one they lack is not listed. */
  permissions: readonly Permission[];
}) {
  const shown = TENANT_PAGES.filter((page) => (showAdminPages || !page.adminOnly) && (!page.permission || permissions.includes(page.permission)));
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Tenant" className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-6 py-3">
        <Link href={`/t/${tenant.slug}`} className="text-lg font-semibold text-blue-800">
          {tenant.name}
        </Link>
        <TenantSwitcher
          tenants={tenants.map(({ slug, name, archived }) => ({ slug, name, archived }))}
          currentSlug={tenant.slug}
          switchTenant={switchTenant}
        />
        {canCreateTenants && (
          <Link href="/tenants/new" className="text-sm text-blue-700 hover:underline">
            Create tenant
          </Link>
        )}
        <ul className="flex gap-4 text-sm">
          {shown.map((page) => (
            <li key={page.label}>
              <NavLink href={`/t/${tenant.slug}${page.path}`} exact={page.path === ""}>
                {page.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
          {showAdmin && <NavLink href="/admin">Admin</NavLink>}
          <span>{email}</span>
          {/* Named "Profile", not by the address: an address like editor@flows.test must not
              answer to the page links' names ("Flows"). */}
          <NavLink href="/profile">Profile</NavLink>
          <SignOutButton />
        </div>
      </nav>
    </header>
  );
}
