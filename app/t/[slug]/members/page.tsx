import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { SearchParams } from "@/lib/url-state/search-params";
import { Pagination } from "@/components/data-table/pagination";
import { SearchInput } from "@/components/data-table/search-input";
import { SelectFilter } from "@/components/data-table/select-filter";
import { TableUrlState } from "@/components/data-table/table-url-state";
import { PageHeader } from "@/components/ui/page-header";
import { withActorTenant } from "@/db/scopes";
import { readTogether } from "@/db/read-together";
import { listApprovedDomains } from "@/db/queries/approved-domains";
import { isFiltered, listMembers } from "@/db/queries/members";
import { requireActor } from "@/lib/actor";
import { isAddressApproved } from "@/lib/email-domains";
import { can } from "@/lib/permissions";
import { readGroupChoices } from "@/lib/groups/group-choices";
import { AddMemberForm } from "./add-member-form";
import { MembersTable, type MemberRowView } from "./members-table";
import { parseMembersTableState, ROLE_OPTIONS, STATUS_OPTIONS } from "./members-table-state";

export const metadata: Metadata = { title: "Members" };

// Dates are formatted here, once, so the server's and the browser's time zones cannot disagree.
const joinedFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "members.read")) notFound();
  const query = parseMembersTableState(await searchParams);
  const canManage = can(actor, "members.manage");
  const { members, domains, groupChoices } = await withActorTenant(actor, (tx) =>
    readTogether(tx, { members: (inTenant) => listMembers(inTenant, query), domains: listApprovedDomains, groupChoices: readGroupChoices }),
  );
  const { rows, total, page } = members;
  const customGroups = groupChoices.groups.map(({ id, name }) => ({ id, name }));
  const view: MemberRowView[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    groups: row.groups,
    status: row.status,
    joined: joinedFormat.format(row.joinedAt),
    ...(row.userId === actor.user.id && { isSelf: true as const }),
    ...(!isAddressApproved(row.email, domains) && { outsideApprovedDomains: true as const }),
  }));

  return (
    <TableUrlState table="members">
      <PageHeader
        title="Members"
        description={
          canManage
            ? `Everyone with access to ${actor.tenant.name}. Add members by email, change their roles, suspend or remove them.`
            : `Everyone with access to ${actor.tenant.name}, with their roles.`
        }
      />
      {canManage && <AddMemberForm slug={slug} customGroups={customGroups} />}
      <div role="search" aria-label="Filter members" className="mb-3 flex flex-wrap items-end gap-3">
        <SearchInput label="Search" param="q" placeholder="Name or email" />
        <SelectFilter label="Role" param="role" options={[...ROLE_OPTIONS, ...customGroups.map((group) => ({ value: group.id, label: group.name }))]} allLabel="All roles" />
        <SelectFilter label="Status" param="status" options={[...STATUS_OPTIONS]} allLabel="All statuses" />
      </div>
      <MembersTable
        slug={slug}
        tenantName={actor.tenant.name}
        rows={view}
        customGroups={customGroups}
        canManage={canManage}
        filtered={isFiltered(query)}
      />
      {groupChoices.moreNote && <p className="mt-2 text-sm text-slate-600">{groupChoices.moreNote}</p>}
      <Pagination page={page} pageSize={query.size} total={total} />
    </TableUrlState>
  );
}
