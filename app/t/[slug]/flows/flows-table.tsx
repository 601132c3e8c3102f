"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { RunStatusBadge } from "./run-status-badge";
import { RunFlowButton } from "./run-flow-button";

export interface FlowRow {
  id: string;
  name: string;
  steps: string;
  lastRun: { status: string; when: string } | null;
  updated: string;
}

export function FlowsTable({
  slug,
  rows,
  sort,
  dir,
  canRun,
  searching,
}: {
  slug: string;
  rows: FlowRow[];
  sort: string;
  dir: "asc" | "desc";
  canRun: boolean;
  searching: boolean;
}) {
  const columns: ColumnDef<FlowRow, unknown>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ row }) => (
        <Link href={`/t/${slug}/flows/${row.original.id}`} className="font-medium text-blue-800 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    { id: "steps", header: "Steps", cell: ({ row }) => <span className="text-slate-600">{row.original.steps}</span> },
    {
      id: "lastRun",
      header: "Last run",
      cell: ({ row }) =>
        row.original.lastRun ? (
          <span className="inline-flex items-center gap-2">
            <RunStatusBadge status={row.original.lastRun.status} />
            <span className="text-slate-600">{row.original.lastRun.when}</span>
          </span>
        ) : (
          <span className="text-slate-500">Never run</span>
        ),
    },
    { id: "updatedAt", header: "Updated", cell: ({ row }) => row.original.updated },
    ...(canRun
      ? [{ id: "run", header: () => <span className="sr-only">Run</span>, cell: ({ row }) => <RunFlowButton slug={slug} flowId={row.original.id} label="Run" /> } satisfies ColumnDef<FlowRow, unknown>]
      : []),
  ];
  return (
    <DataTable
      label="Flows"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
      sortable={["name", "updatedAt"]}
      sort={sort}
      dir={dir}
      empty={<EmptyState title={searching ? "No flows match this search" : "No flows yet"}>{searching ? "Try another name." : null}</EmptyState>}
    />
  );
}
