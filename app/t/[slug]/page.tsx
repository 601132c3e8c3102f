import type { Metadata } from "next";
import { withActorTenant } from "@/db/scopes";
import { countMembers } from "@/db/queries/tenants";
import { requireActor } from "@/lib/actor";
import { groupsLabel } from "@/lib/permissions";

export const metadata: Metadata = { title: "Overview" };

export default async function TenantOverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  const memberCount = await withActorTenant(actor, (tx) => countMembers(tx));
  return (
    <section aria-labelledby="overview-heading">
      <h1 id="overview-heading" className="text-2xl font-semibold">
        {actor.tenant.name}
      </h1>
      <dl className="mt-6 grid max-w-xl grid-cols-[10rem_1fr] gap-x-4 gap-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <dt className="text-slate-500">Tenant ID</dt>
        <dd className="font-mono text-sm" data-testid="tenant-id">
          {actor.tenant.id}
        </dd>
        <dt className="text-slate-500">Your roles</dt>
        {/* Built-in groups, then custom ones: a member may be in custom groups only. */}
        <dd data-testid="my-roles">{groupsLabel(actor.roles, actor.customGroupNames ?? [])}</dd>
        <dt className="text-slate-500">Members</dt>
        <dd data-testid="member-count">{memberCount}</dd>
      </dl>
    </section>
  );
}
