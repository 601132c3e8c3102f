import { TenantNav } from "@/components/nav/tenant-nav";
import { SuperadminBanner } from "@/components/nav/superadmin-banner";
import { ArchivedBanner } from "@/components/nav/archived-banner";
import { requireActorWithNav } from "@/lib/actor";
import { can } from "@/lib/permissions";
import { PERMISSIONS } from "@/lib/permission-catalog";

export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // The actor and everything the nav needs (the switcher's tenants, the account's flags) come from one
  // transaction, read fresh per request and shared with the page's requireActor.
  const { actor, nav } = await requireActorWithNav(slug);
  return (
    <>
      <TenantNav
        tenant={actor.tenant}
        tenants={nav.tenants}
        email={actor.user.email}
        canCreateTenants={nav.canCreateTenants}
        showAdmin={actor.viaSuperadmin || nav.isSuperadmin}
        showAdminPages={can(actor, "api_keys.manage")}
        permissions={PERMISSIONS.filter((permission) => can(actor, permission))}
      />
      {actor.viaSuperadmin && <SuperadminBanner tenantName={actor.tenant.name} />}
      {actor.tenant.archivedAt && <ArchivedBanner tenantName={actor.tenant.name} slug={actor.tenant.slug} />}
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
