"use client";

import Link from "next/link";
import type { TableColumn } from "@/components/data-table/table-column";
import { DataTable } from "@/components/data-table/data-table";
import type { ActivityTableRow } from "@/lib/activity/table-row";
import { NoRows } from "@/components/data-table/no-rows";

const COLUMNS: TableColumn<ActivityTableRow>[] = [
  {
    id: "time",
    header: "Time (UTC)",
    cell: ({ row }) => (
      <time dateTime={`${row.original.time}Z`} className="whitespace-nowrap font-mono text-xs">
        {row.original.time}
      </time>
    ),
  },
  { id: "actor", header: "Actor", cell: ({ row }) => row.original.actorEmail ?? <span className="text-slate-500">System</span> },
  { id: "action", header: "Action", cell: ({ row }) => <code className="text-xs">{row.original.action}</code> },
  {
    id: "target",
    header: "Target",
    cell: ({ row }) => {
      const { targetType, targetId } = row.original;
      if (!targetType) return <span className="text-slate-400">—</span>;
      if (!targetId || row.original.log) return targetType;
      // The target's whole history, one click away.
      const query = new URLSearchParams({ targetType, targetId });
      return (
        <Link href={`?${query}`} className="text-blue-800 hover:underline" title={`All entries about this ${targetType}`}>
          {targetType} <span className="font-mono text-xs">{targetId.slice(0, 8)}</span>
        </Link>
      );
    },
  },
  { id: "summary", header: "Summary", cell: ({ row }) => <span className="break-words">{row.original.summary}</span> },
  { id: "ip", header: "IP", cell: ({ row }) => <span className="font-mono text-xs">{row.original.ip ?? ""}</span> },
];

const TENANT_COLUMNS: TableColumn<ActivityTableRow>[] = [
  { id: "log", header: "Log", cell: ({ row }) => (row.original.log === "platform" ? "Platform" : "Tenant") },
  { id: "tenant", header: "Tenant", cell: ({ row }) => row.original.tenantName ?? <span className="text-slate-400">—</span> },
];

/** The log, newest first. With `showTenant` (superadmin view) each row also says which log and tenant it is from. */
export function ActivityTable({ rows, showTenant = false, filtered }: { rows: ActivityTableRow[]; showTenant?: boolean; filtered: boolean }) {
  const columns = showTenant ? [COLUMNS[0]!, ...TENANT_COLUMNS, ...COLUMNS.slice(1)] : COLUMNS;
  return (
    <DataTable
      label="Activity"
      columns={columns}
      rows={rows}
      rowKey={(row) => `${row.log ?? "tenant"}:${row.id}`}
      empty={
        <NoRows
          filtered={filtered}
          none="No activity yet"
          noMatch="No activity matches these filters"
          hint="Change or clear the filters to see more."
          noneHint="Changes made in this tenant will appear here."
        />
      }
    />
  );
}
