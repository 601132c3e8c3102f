"use client";

import Link from "next/link";
import type { TableColumn } from "@/components/data-table/table-column";
import { DataTable } from "@/components/data-table/data-table";
import { NoRows } from "@/components/data-table/no-rows";
import { setTenantApiLimit, setTenantFlowCap, setTenantFlowRunQuota } from "./actions";
import { MAX_API_REQUESTS_PER_MINUTE, MAX_FLOW_CAP, MAX_FLOW_RUNS_PER_30_DAYS } from "./input-limits";
import { ClearIpAllowLists } from "./clear-ip-allow-lists";
import { TenantArchiveButton } from "./tenant-archive/tenant-archive-button";
import { LicenseForm } from "./license-form";
import { numberColumn } from "./row-columns";

export interface AdminTenantRow {
  id: string;
  name: string;
  slug: string;
  license: string;
  flowCap: number;
  apiRequestsPerMinute: number | null;
  flowRunsPer30Days: number | null;
  /** This month's usage (UTC) and the month, YYYY-MM, for its CSV. */
  usage: { apiRequests: number; flowRuns: number; month: string };
  flowCount: number;
  memberCount: number;
  /** As shown ("1,000"). */
  memberLimit: string;
  created: string;
  archived: boolean;
}

const columns: TableColumn<AdminTenantRow>[] = [
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
  {
    id: "status",
    header: "Status",
    cell: ({ row }) => <TenantArchiveButton tenantId={row.original.id} tenantName={row.original.name} archived={row.original.archived} />,
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
        {row.original.memberCount} <span className="text-slate-500">of {row.original.memberLimit}</span>
      </span>
    ),
  },
  numberColumn({
    id: "apiRequestsPerMinute",
    label: "API requests/min",
    name: "apiRequestsPerMinute",
    min: 1,
    max: MAX_API_REQUESTS_PER_MINUTE,
    placeholder: "No limit",
    saveLabel: "Save API requests/min",
    value: (tenant) => tenant.apiRequestsPerMinute,
    ids: (tenant) => ({ tenantId: tenant.id }),
    action: setTenantApiLimit,
  }),
  numberColumn({
    id: "flowRunsPer30Days",
    label: "Flow runs/30 days",
    name: "flowRunsPer30Days",
    max: MAX_FLOW_RUNS_PER_30_DAYS,
    placeholder: "No limit",
    value: (tenant) => tenant.flowRunsPer30Days,
    ids: (tenant) => ({ tenantId: tenant.id }),
    action: setTenantFlowRunQuota,
  }),
  {
    id: "usage",
    header: "Usage this month",
    // The meters only (the billing boundary): reading them enters no tenant.
    cell: ({ row }) => (
      <div className="whitespace-nowrap text-sm">
        <div>{row.original.usage.apiRequests.toLocaleString("en-US")} API requests</div>
        <div>{row.original.usage.flowRuns.toLocaleString("en-US")} flow runs</div>
        <a href={`/admin/usage/${row.original.id}?month=${row.original.usage.month}`} download className="text-blue-800 hover:underline">
          Download usage CSV
        </a>
      </div>
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
