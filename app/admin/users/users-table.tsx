"use client";

import Link from "next/link";
import type { TableColumn } from "@/components/data-table/table-column";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { NoRows } from "@/components/data-table/no-rows";
import { MAX_TENANT_LIMIT } from "../input-limits";
import { flagColumn, numberColumn } from "../row-columns";
import { setCanCreateTenants, setSuperadmin, setTenantLimit } from "./actions";

export interface AdminUserRow {
  id: string;
  email: string;
  name: string | null;
  isSuperadmin: boolean;
  canCreateTenants: boolean;
  tenantLimit: number;
  tenantsOwned: number;
  ownedTenantNames: string[];
  isMe: boolean;
}

const columns: TableColumn<AdminUserRow>[] = [
  {
    id: "email",
    header: "Email",
    cell: ({ row }) => (
      <div>
        <span className="font-medium">{row.original.email}</span> {row.original.isMe && <Badge tone="blue">You</Badge>}
        {row.original.name && <div className="text-xs text-slate-500">{row.original.name}</div>}
        <Link href={`/admin/users/${row.original.id}/access`} className="text-xs text-blue-700 hover:underline" aria-label={`Access of ${row.original.email}`}>
          Access
        </Link>
      </div>
    ),
  },
  {
    id: "tenantsOwned",
    header: "Tenants owned",
    cell: ({ row }) => (
      <div>
        {row.original.tenantsOwned}
        {row.original.ownedTenantNames.length > 0 && (
          <div className="text-xs text-slate-500">
            {row.original.ownedTenantNames.join(", ")}
            {row.original.tenantsOwned > row.original.ownedTenantNames.length && "…"}
          </div>
        )}
      </div>
    ),
  },
  flagColumn({
    id: "canCreateTenants",
    label: "Can create tenants",
    checked: (user) => user.canCreateTenants,
    save: (user, canCreateTenants) => setCanCreateTenants(null, { userId: user.id, canCreateTenants }),
  }),
  numberColumn({
    id: "tenantLimit",
    label: "Tenant limit",
    name: "tenantLimit",
    max: MAX_TENANT_LIMIT,
    value: (user) => user.tenantLimit,
    ids: (user) => ({ userId: user.id }),
    action: setTenantLimit,
  }),
  flagColumn({
    id: "isSuperadmin",
    label: "Superadmin",
    checked: (user) => user.isSuperadmin,
    save: (user, isSuperadmin) => setSuperadmin(null, { userId: user.id, isSuperadmin }),
  }),
];

export function UsersTable({ rows, searching }: { rows: AdminUserRow[]; searching: boolean }) {
  return (
    <DataTable
      label="Users"
      columns={columns}
      rows={rows}
      empty={<NoRows filtered={searching} none="No users yet" noMatch="No users match this search" />}
    />
  );
}
