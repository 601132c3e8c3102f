import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { listGroups } from "@/db/queries/groups";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { catalogPermissions } from "@/lib/groups/effective-permissions";
import { PERMISSION_CATALOG } from "@/lib/permission-catalog";
import { can, permissionsOfRole, ROLE_LABELS, type Permission } from "@/lib/permissions";
import { NewGroupForm } from "./new-group-form";

export const metadata: Metadata = { title: "Groups" };

const labels = (permissions: readonly Permission[]) => permissions.map((permission) => PERMISSION_CATALOG[permission].label).join(", ") || "No permissions";

/** The tenant's groups: the built-in ones (members' roles) and its custom groups, with what each may do. */
export default async function GroupsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "members.read")) notFound();
  const groups = await withActorTenant(actor, (tx) => listGroups(tx));
  const canManage = can(actor, "members.manage");
  return (
    <section>
      <PageHeader title="Groups" description="A member's permissions are the union of their groups' permissions.">
        <Link href={`/t/${slug}/groups/permissions`} className="text-sm text-blue-800 hover:underline">
          Permissions
        </Link>
      </PageHeader>
      <h2 className="mb-2 text-lg font-semibold">Built-in groups</h2>
      <ul aria-label="Built-in groups" className="mb-8 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {MEMBER_ROLES.map((role) => (
          <li key={role} className="px-4 py-3 text-sm">
            <span className="font-medium">{ROLE_LABELS[role]}</span>
            <span className="block text-slate-600">{labels(permissionsOfRole(role))}</span>
          </li>
        ))}
      </ul>
      <h2 className="mb-2 text-lg font-semibold">Custom groups</h2>
      {canManage && <NewGroupForm slug={slug} />}
      {groups.length === 0 ? (
        <EmptyState title="No custom groups yet">{canManage ? "Create one above, then add members to it." : null}</EmptyState>
      ) : (
        <ul aria-label="Custom groups" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {groups.map((group) => (
            <li key={group.id} className="flex flex-wrap items-baseline gap-x-4 px-4 py-3 text-sm">
              <Link href={`/t/${slug}/groups/${group.id}`} className="font-medium text-blue-800 hover:underline">
                {group.name}
              </Link>
              <span className="text-slate-600">{labels(catalogPermissions(group.permissions))}</span>
              <span className="ml-auto text-slate-500">{group.memberCount === 1 ? "1 member" : `${group.memberCount} members`}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
