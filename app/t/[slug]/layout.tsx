import { withUser } from "@/db/scopes";
import { listTenantsOfUser } from "@/db/queries/tenants";
import { getTenantCreationAllowance } from "@/db/queries/users";
import { TenantNav } from "@/components/nav/tenant-nav";
import { SuperadminBanner } from "@/components/nav/superadmin-banner";
import { requireActor } from "@/lib/actor";
import { can } from "@/lib/permissions";

export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  // Everything the nav needs in one transaction: the switcher's tenants and the account's flags
  // (may create tenants, superadmin), read fresh like the actor.
  const { tenants, allowance } = await withUser({ userId: actor.user.id }, async (tx) => ({
    tenants: await listTenantsOfUser(tx, actor.user.id),
    allowance: await getTenantCreationAllowance(tx, actor.user.id),
  }));
  const showAdmin = actor.viaSuperadmin || Boolean(allowance?.isSuperadmin);
  return (
    <>
      <TenantNav
        tenant={actor.tenant}
        tenants={tenants}
        email={actor.user.email}
        canCreateTenants={allowance?.canCreateTenants}
        showAdmin={showAdmin}
        showAdminPages={can(actor.roles, "api_keys.manage")}
      />
      {actor.viaSuperadmin && <SuperadminBanner tenantName={actor.tenant.name} />}
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
