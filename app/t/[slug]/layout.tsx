import { withUser } from "@/db/scopes";
import { listTenantsOfUser } from "@/db/queries/tenants";
import { TenantNav } from "@/components/nav/tenant-nav";
import { requireActor } from "@/lib/actor";

export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  const tenants = await withUser({ userId: actor.user.id }, (tx) => listTenantsOfUser(tx, actor.user.id));
  return (
    <>
      <TenantNav tenant={actor.tenant} tenants={tenants} email={actor.user.email} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
