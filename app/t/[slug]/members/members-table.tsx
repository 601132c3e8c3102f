"use client";

import { useMemo, useState } from "react";
import type { RowCellProps, TableColumn } from "@/components/data-table/table-column";
import { DataTable } from "@/components/data-table/data-table";
import { useRowContext } from "@/components/data-table/row-context";
import { Badge } from "@/components/ui/badge";
import { NoRows } from "@/components/data-table/no-rows";
import type { MemberStatus } from "@/db/queries/members";
import type { MemberRole } from "@/db/schema";
import { ROLE_LABELS } from "@/lib/permissions";
import { MEMBERS_NOTICE_ID } from "./members-table-options";
import { InvitationControls, MemberStatusControls, RemoveMemberButton, RolesEditor } from "./member-controls";

export interface MemberRowView {
  id: string;
  name: string | null;
  email: string;
  roles: MemberRole[];
  /** The custom groups the member is in, A to Z. */
  groups: CustomGroup[];
  status: MemberStatus;
  /** As shown (UTC). */
  joined: string;
  // The two flags are sent only when set: every row travels twice (HTML and RSC payload).
  /** The caller's own row. */
  isSelf?: true;
  /** The tenant has approved domains and this address is in none of them (added before the rule). */
  outsideApprovedDomains?: true;
}

const STATUS_BADGES = {
  active: { label: "Active", tone: "green" },
  invited: { label: "Invited", tone: "blue" },
  suspended: { label: "Suspended", tone: "amber" },
} as const;

/** A custom group of the tenant, as the members page shows and offers it. */
export interface CustomGroup {
  id: string;
  name: string;
}

/** What every row's controls need besides their member: given once by the table, read by the cells. */
interface MembersTableContextValue {
  slug: string;
  tenantName: string;
  /** The tenant's custom groups (bounded: lib/groups/group-choices.ts), offered after Viewer / Editor / Admin. */
  customGroups: CustomGroup[];
  /** Announces an outcome above the table (used where the row itself may be gone, e.g. after "Remove"). */
  onDone: (message: string) => void;
}

const useMembersTable = () => useRowContext<MembersTableContextValue>();

type MemberCell = RowCellProps<MemberRowView>;

// The cells are components declared once, here, and the columns are constants: TanStack renders a
// cell as <columnDef.cell …/>, so a cell function made during render would be a new component type on
// every render, and React would throw away each row's controls (ticked boxes, messages, an open
// dialog) whenever the page refreshes after an action. Everything a cell needs beyond its row comes
// through the table's row context (MembersTableContextValue).

function NameCell({ row }: MemberCell) {
  return (
    <span className="font-medium">
      {row.original.name ?? <span className="text-slate-400">No name yet</span>}
      {row.original.isSelf && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
    </span>
  );
}

function EmailCell({ row }: MemberCell) {
  return (
    <>
      {row.original.email}
      {row.original.outsideApprovedDomains && (
        <span className="ml-2">
          <Badge tone="amber">Outside approved domains</Badge>
        </span>
      )}
    </>
  );
}

function RoleBadgesCell({ row }: MemberCell) {
  return (
    <span className="flex flex-wrap gap-1">
      {row.original.roles.map((role) => (
        <Badge key={role}>{ROLE_LABELS[role]}</Badge>
      ))}
      {row.original.groups.map((group) => (
        <Badge key={group.id} tone="blue">
          {group.name}
        </Badge>
      ))}
    </span>
  );
}

function RolesEditorCell({ row }: MemberCell) {
  return <RolesEditor member={row.original} {...useMembersTable()} />;
}

function StatusCell({ row }: MemberCell) {
  const badge = STATUS_BADGES[row.original.status];
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

function JoinedCell({ row }: MemberCell) {
  return <span className="whitespace-nowrap">{row.original.joined}</span>;
}

function ActionsHeader() {
  return <span className="sr-only">Actions</span>;
}

function ActionsCell({ row }: MemberCell) {
  const control = useMembersTable();
  return row.original.status === "invited" ? (
    <InvitationControls member={row.original} {...control} />
  ) : (
    <div className="flex items-start gap-2">
      <MemberStatusControls member={row.original} {...control} />
      <RemoveMemberButton member={row.original} {...control} />
    </div>
  );
}

const SHARED_COLUMNS = {
  name: { id: "name", header: "Name", cell: NameCell },
  email: { id: "email", header: "Email", cell: EmailCell },
  status: { id: "status", header: "Status", cell: StatusCell },
  joined: { id: "joined", header: "Joined", cell: JoinedCell },
} satisfies Record<string, TableColumn<MemberRowView>>;

/** What everyone sees. */
const READ_COLUMNS: TableColumn<MemberRowView>[] = [
  SHARED_COLUMNS.name,
  SHARED_COLUMNS.email,
  { id: "roles", header: "Roles and groups", cell: RoleBadgesCell },
  SHARED_COLUMNS.status,
  SHARED_COLUMNS.joined,
];

/** An Admin's view: role checkboxes and the row's actions. */
const MANAGE_COLUMNS: TableColumn<MemberRowView>[] = [
  SHARED_COLUMNS.name,
  SHARED_COLUMNS.email,
  { id: "roles", header: "Roles and groups", cell: RolesEditorCell },
  SHARED_COLUMNS.status,
  SHARED_COLUMNS.joined,
  { id: "actions", header: ActionsHeader, cell: ActionsCell },
];

/**
 * The member list. Everyone sees names, emails, roles, status and joined date; an Admin also gets the
 * role checkboxes and the suspend and remove buttons on each row (the server refuses them to anyone
 * else anyway). A row's outcome is announced on the row; one whose row may go (remove, suspend,
 * invitations) above the table.
 */
export function MembersTable({
  slug,
  tenantName,
  rows,
  customGroups,
  canManage,
  filtered,
}: {
  slug: string;
  tenantName: string;
  rows: MemberRowView[];
  customGroups: CustomGroup[];
  canManage: boolean;
  filtered: boolean;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  // A new object only when the tenant changes, so a notice does not re-render every cell.
  const context = useMemo<MembersTableContextValue>(() => ({ slug, tenantName, customGroups, onDone: setNotice }), [slug, tenantName, customGroups]);

  return (
    <>
      <p id={MEMBERS_NOTICE_ID} tabIndex={-1} role="status" className={notice ? "mb-3 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" : "sr-only"}>
        {notice}
      </p>
      <DataTable
        label="Members"
        columns={canManage ? MANAGE_COLUMNS : READ_COLUMNS}
        rows={rows}
        context={context}
        empty={
          <NoRows
            filtered={filtered}
            none="No members yet"
            noMatch="No members match these filters"
            hint="Try another search, or clear the role and status filters."
          />
        }
      />
    </>
  );
}
