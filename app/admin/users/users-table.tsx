"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { FlagSwitch } from "../flag-switch";
import { InlineNumberForm } from "../inline-number-form";
import { MAX_TENANT_LIMIT } from "../input-limits";
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

const columns: ColumnDef<AdminUserRow, unknown>[] = [
  {
    id: "email",
    header: "Email",
    cell: ({ row }) => (
      <div>
        <span className="font-medium">{row.original.email}</span> {row.original.isMe && <Badge tone="blue">You</Badge>}
        {row.original.name && <div className="text-xs text-slate-500">{row.original.name}</div>}
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
  {
    id: "canCreateTenants",
    header: "Can create tenants",
    cell: ({ row }) => (
      <FlagSwitch
        label="Can create tenants"
        checked={row.original.canCreateTenants}
        save={(value) => setCanCreateTenants(null, { userId: row.original.id, canCreateTenants: value })}
      />
    ),
  },
  {
    id: "tenantLimit",
    header: "Tenant limit",
    cell: ({ row }) => (
      <InlineNumberForm
        label="Tenant limit"
        name="tenantLimit"
        value={row.original.tenantLimit}
        max={MAX_TENANT_LIMIT}
        hidden={{ userId: row.original.id }}
        saveLabel="Save tenant limit"
        action={setTenantLimit}
      />
    ),
  },
  {
    id: "isSuperadmin",
    header: "Superadmin",
    cell: ({ row }) => (
      <FlagSwitch
        label="Superadmin"
        checked={row.original.isSuperadmin}
        save={(value) => setSuperadmin(null, { userId: row.original.id, isSuperadmin: value })}
      />
    ),
  },
];

export function UsersTable({ rows, sort, dir, searching }: { rows: AdminUserRow[]; sort: string; dir: "asc" | "desc"; searching: boolean }) {
  return (
    <DataTable
      label="Users"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
      sortable={["email", "tenantsOwned", "tenantLimit"]}
      sort={sort}
      dir={dir}
      empty={<EmptyState title={searching ? "No users match this search" : "No users yet"} />}
    />
  );
}
