import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { findGroup, listGroupMembers, listMembersOutsideGroup } from "@/db/queries/groups";
import { listGroupFlows, searchFlowsOutsideGroup } from "@/db/queries/group-flows";
import { single, type SearchParams } from "@/lib/url-state/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { catalogPermissions } from "@/lib/groups/effective-permissions";
import { isUuid } from "@/lib/ids";
import { PERMISSION_CATALOG } from "@/lib/permission-catalog";
import { can } from "@/lib/permissions";
import { GroupFlowAccessSection, type GroupFlowAccess } from "./group-flow-access";
import { AddGroupMemberForm, DeleteGroupButton, GroupPermissionsForm, RemoveGroupMemberButton, RenameGroupForm } from "./group-controls";

export const metadata: Metadata = { title: "Group" };

export default async function GroupPage({ params, searchParams }: { params: Promise<{ slug: string; groupId: string }>; searchParams: Promise<SearchParams> }) {
  const { slug, groupId } = await params;
  const flowSearch = (single((await searchParams).flowSearch) ?? "").trim().slice(0, 100);
  const actor = await requireActor(slug);
  // A malformed id, or one of another tenant, is not found (never a database error).
  if (!can(actor, "members.read") || !isUuid(groupId)) notFound();
  const canManage = can(actor, "members.manage");
  const found = await withActorTenant(actor, async (tx) => {
    const group = await findGroup(tx, groupId);
    if (!group) return null;
    const members = await listGroupMembers(tx, group.id);
    const candidates = canManage ? await listMembersOutsideGroup(tx, group.id) : [];
    // The flows' names only to those who may see flows ("Viewers see dashboards only": lib/permissions.ts).
    const scopedFlows = group.flowsScoped && can(actor, "flows.read") ? await listGroupFlows(tx, group.id) : { rows: [], total: 0 };
    const flowCandidates = group.flowsScoped && canManage ? await searchFlowsOutsideGroup(tx, group.id, flowSearch) : [];
    const flowAccess: GroupFlowAccess = { scoped: group.flowsScoped, flows: scopedFlows.rows, total: scopedFlows.total, candidates: flowCandidates, search: flowSearch };
    return { group, members, candidates, flowAccess };
  });
  if (!found) notFound();
  const { group, members, candidates, flowAccess } = found;
  const permissions = catalogPermissions(group.permissions);
  return (
    <section>
      <p className="mb-2 text-sm">
        <Link href={`/t/${slug}/groups`} className="text-blue-800 hover:underline">
          ← Groups
        </Link>
      </p>
      <PageHeader title={group.name} description={members.length === 1 ? "1 member" : `${members.length} members`}>
        {canManage && <DeleteGroupButton slug={slug} groupId={group.id} name={group.name} />}
      </PageHeader>
      {canManage ? (
        <div className="mb-8 space-y-6">
          <RenameGroupForm slug={slug} groupId={group.id} name={group.name} />
          <GroupPermissionsForm slug={slug} groupId={group.id} permissions={permissions} />
        </div>
      ) : (
        <p className="mb-8 text-sm text-slate-700">{permissions.map((permission) => PERMISSION_CATALOG[permission].label).join(", ") || "No permissions"}</p>
      )}
      <GroupFlowAccessSection slug={slug} groupId={group.id} groupName={group.name} access={flowAccess} canManage={canManage} />
      <h2 className="mb-2 text-lg font-semibold">Members of {group.name}</h2>
      {canManage && (
        <div className="mb-4">
          <AddGroupMemberForm slug={slug} groupId={group.id} candidates={candidates} />
        </div>
      )}
      {members.length === 0 ? (
        <EmptyState title="No members in this group yet" />
      ) : (
        <ul aria-label={`Members of ${group.name}`} className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {members.map((member) => (
            <li key={member.membershipId} className="flex items-center gap-4 px-4 py-2 text-sm">
              <span>{member.email}</span>
              {member.status !== "active" && <span className="text-slate-500">({member.status})</span>}
              {canManage && (
                <span className="ml-auto">
                  <RemoveGroupMemberButton slug={slug} groupId={group.id} memberId={member.membershipId} email={member.email} groupName={group.name} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
