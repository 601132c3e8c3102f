"use client";

import type { RowCellProps, TableColumn } from "@/components/data-table/table-column";
import { DataTable } from "@/components/data-table/data-table";
import { NoRows } from "@/components/data-table/no-rows";
import { Badge } from "@/components/ui/badge";
import type { MemberStatus } from "@/db/queries/members";
import { narrowedLabel } from "@/lib/access-review/member-access";

export interface AccessRowView {
  id: string;
  name: string | null;
  email: string;
  status: MemberStatus;
  /** "Viewer, Editor". */
  groups: string;
  /** Effective permissions, in the catalog's order. */
  permissions: string[];
  /** Flow permissions held only for particular flows (a group narrowed to "Only these flows"), with the flows' names. */
  narrowed: { permission: string; flows: string[] }[];
  /** Null while Invited: the account is not the tenant's to see yet. */
  twoFactor: boolean | null;
  lastSignIn: string | null;
  lastActivity: string | null;
}

type AccessCell = RowCellProps<AccessRowView>;

const STATUS_LABELS = { active: "Active", invited: "Invited", suspended: "Suspended" } as const;

// Cells are components declared once and the columns a constant (see members-table.tsx for why).
function MemberCell({ row }: AccessCell) {
  return (
    <div>
      <div className="font-medium">{row.original.name ?? <span className="text-slate-400">No name yet</span>}</div>
      <div className="text-slate-600">{row.original.email}</div>
    </div>
  );
}

function StatusCell({ row }: AccessCell) {
  return STATUS_LABELS[row.original.status];
}

function GroupsCell({ row }: AccessCell) {
  return row.original.groups;
}

function PermissionsCell({ row }: AccessCell) {
  return <PermissionList {...row.original} />;
}

/** A member's effective permissions, then those held for some flows only ("flows.write (2 flows)", the names under it). */
export function PermissionList({ email, permissions, narrowed }: Pick<AccessRowView, "email" | "permissions" | "narrowed">) {
  return (
    <ul className="flex max-w-md flex-wrap gap-1" aria-label={`Permissions of ${email}`}>
      {permissions.map((permission) => (
        <li key={permission}>
          <Badge>{permission}</Badge>
        </li>
      ))}
      {narrowed.map((scope) => (
        <li key={scope.permission}>
          {/* Held for these flows only: the count says so, the names open under it. */}
          <details>
            <summary className="cursor-pointer list-none">
              <Badge tone="amber">{narrowedLabel(scope)}</Badge>
            </summary>
            <ul aria-label={`Flows of ${scope.permission} for ${email}`} className="mt-1 list-disc pl-5 text-xs text-slate-700">
              {scope.flows.map((flow, index) => (
                <li key={index}>{flow}</li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}

function TwoFactorCell({ row }: AccessCell) {
  const { twoFactor } = row.original;
  if (twoFactor === null) return <span className="text-slate-500">Not yet joined</span>;
  return twoFactor ? <Badge tone="green">On</Badge> : <Badge tone="amber">Off</Badge>;
}

const never = <span className="text-slate-500">Never</span>;

function LastSignInCell({ row }: AccessCell) {
  return row.original.lastSignIn ?? never;
}

function LastActivityCell({ row }: AccessCell) {
  return row.original.lastActivity ?? never;
}

const COLUMNS: TableColumn<AccessRowView>[] = [
  { id: "member", header: "Member", cell: MemberCell },
  { id: "status", header: "Status", cell: StatusCell },
  { id: "groups", header: "Groups", cell: GroupsCell },
  { id: "permissions", header: "Effective permissions", cell: PermissionsCell },
  { id: "twoFactor", header: "Two-factor", cell: TwoFactorCell },
  { id: "lastSignIn", header: "Last sign-in", cell: LastSignInCell },
  { id: "lastActivity", header: "Last activity", cell: LastActivityCell },
];

/** Every member with what they may do: read-only (changes are made on the Members page). */
export function AccessTable({ rows, filtered }: { rows: AccessRowView[]; filtered: boolean }) {
  return (
    <DataTable
      label="Access review"
      columns={COLUMNS}
      rows={rows}
      empty={<NoRows filtered={filtered} none="No members yet" noMatch="No members match these filters" hint="Try another search, or clear the filters." />}
    />
  );
}
