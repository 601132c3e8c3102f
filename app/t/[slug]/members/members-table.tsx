"use client";

import { useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { MemberStatus } from "@/db/queries/members";
import type { MemberRole } from "@/db/schema";
import { ROLE_LABELS } from "@/lib/permissions";
import { MEMBER_SORTABLE, MEMBERS_NOTICE_ID } from "./members-table-options";
import { InvitationControls, MemberStatusControls, RemoveMemberButton, RolesEditor } from "./member-controls";

export interface MemberRowView {
  id: string;
  name: string | null;
  email: string;
  roles: MemberRole[];
  status: MemberStatus;
  joined: string;
  joinedIso: string;
  /** The caller's own row. */
  isSelf: boolean;
  /** The tenant has approved domains and this address is in none of them (added before the rule). */
  outsideApprovedDomains: boolean;
}

const STATUS_BADGES = {
  active: { label: "Active", tone: "green" },
  invited: { label: "Invited", tone: "blue" },
  suspended: { label: "Suspended", tone: "amber" },
} as const;

/**
 * The member list. Everyone sees names, emails, roles, status and joined date; an Admin also gets the
 * role checkboxes and the suspend and remove buttons on each row (the server refuses them to anyone
 * else anyway). Outcomes are announced once, above the table.
 */
export function MembersTable({
  slug,
  tenantName,
  rows,
  canManage,
  sort,
  dir,
  filtered,
}: {
  slug: string;
  tenantName: string;
  rows: MemberRowView[];
  canManage: boolean;
  sort: string;
  dir: "asc" | "desc";
  filtered: boolean;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const control = { slug, tenantName, onDone: setNotice };

  const columns: ColumnDef<MemberRowView, unknown>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ row }) => (
        <span className="font-medium">
          {row.original.name ?? <span className="text-slate-400">No name yet</span>}
          {row.original.isSelf && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
        </span>
      ),
    },
    {
      id: "email",
      header: "Email",
      cell: ({ row }) => (
        <>
          {row.original.email}
          {row.original.outsideApprovedDomains && (
            <span className="ml-2">
              <Badge tone="amber">Outside approved domains</Badge>
            </span>
          )}
        </>
      ),
    },
    {
      id: "roles",
      header: "Roles",
      cell: ({ row }) =>
        canManage ? (
          <RolesEditor key={`${row.original.id}:${row.original.roles.join()}`} member={row.original} {...control} />
        ) : (
          <span className="flex flex-wrap gap-1">
            {row.original.roles.map((role) => (
              <Badge key={role}>{ROLE_LABELS[role]}</Badge>
            ))}
          </span>
        ),
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => <Badge tone={STATUS_BADGES[row.original.status].tone}>{STATUS_BADGES[row.original.status].label}</Badge>,
    },
    {
      id: "joined",
      header: "Joined",
      cell: ({ row }) => (
        <time dateTime={row.original.joinedIso} className="whitespace-nowrap">
          {row.original.joined}
        </time>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) =>
        row.original.status === "invited" ? (
          <InvitationControls member={row.original} {...control} />
        ) : (
          <div className="flex items-start gap-2">
            <MemberStatusControls member={row.original} {...control} />
            <RemoveMemberButton member={row.original} {...control} />
          </div>
        ),
    });
  }

  return (
    <>
      <p id={MEMBERS_NOTICE_ID} tabIndex={-1} role="status" className={notice ? "mb-3 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" : "sr-only"}>
        {notice}
      </p>
      <DataTable
        label="Members"
        columns={columns}
        rows={rows}
        sortable={MEMBER_SORTABLE}
        sort={sort}
        dir={dir}
        rowKey={(row) => row.id}
        empty={
          <EmptyState title={filtered ? "No members match these filters" : "No members yet"}>
            {filtered ? "Try another search, or clear the role and status filters." : null}
          </EmptyState>
        }
      />
    </>
  );
}
