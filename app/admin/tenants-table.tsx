"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { NoRows } from "@/components/data-table/no-rows";
import { setTenantFlowCap } from "./actions";
import { ClearIpAllowLists } from "./clear-ip-allow-lists";
import { MAX_FLOW_CAP } from "./input-limits";
import { LicenseForm } from "./license-form";
import { numberColumn } from "./row-columns";

export interface AdminTenantRow {
  id: string;
  name: string;
  slug: string;
  license: string;
  flowCap: number;
  flowCount: number;
  memberCount: number;
  memberLimit: number;
  created: string;
}

const columns: ColumnDef<AdminTenantRow, unknown>[] = [
  {
    id: "name",
    header: "Name",
    // Opening a tenant enters it as superadmin: the visit is recorded in its activity log.
    cell: ({ row }) => (
      <Link href={`/t/${row.original.slug}`} className="font-medium text-blue-800 hover:underline">
        {row.original.name}
      </Link>
    ),
  },
  { id: "slug", header: "Slug", cell: ({ row }) => <span className="font-mono text-xs">{row.original.slug}</span> },
  { id: "license", header: "License", cell: ({ row }) => <LicenseForm tenantId={row.original.id} license={row.original.license} /> },
  numberColumn({
    id: "flowCap",
    label: "Flow cap",
    name: "flowCap",
    max: MAX_FLOW_CAP,
    value: (tenant) => tenant.flowCap,
    ids: (tenant) => ({ tenantId: tenant.id }),
    action: setTenantFlowCap,
  }),
  {
    id: "flowCount",
    header: "Flows used",
    cell: ({ row }) => (
      <span className={row.original.flowCount >= row.original.flowCap ? "font-semibold text-amber-800" : undefined}>
        {row.original.flowCount}
      </span>
    ),
  },
  {
    id: "memberCount",
    header: "Members",
    cell: ({ row }) => (
      <span>
        {row.original.memberCount} <span className="text-slate-500">of {row.original.memberLimit.toLocaleString("en-US")}</span>
      </span>
    ),
  },
  { id: "createdAt", header: "Created", cell: ({ row }) => <span className="whitespace-nowrap">{row.original.created}</span> },
  { id: "ipAllowLists", header: "IP allow-lists", cell: ({ row }) => <ClearIpAllowLists tenantId={row.original.id} tenantName={row.original.name} /> },
];

export function TenantsTable({ rows, searching }: { rows: AdminTenantRow[]; searching: boolean }) {
  return (
    <DataTable
      label="Tenants"
      columns={columns}
      rows={rows}
      empty={<NoRows filtered={searching} none="No tenants yet" noMatch="No tenants match this search" />}
    />
  );
}
