"use client";

import { useMemo } from "react";
import Link from "next/link";
import type { RowCellProps, TableColumn } from "@/components/data-table/table-column";
import { DataTable } from "@/components/data-table/data-table";
import { useRowContext } from "@/components/data-table/row-context";
import { NoRows } from "@/components/data-table/no-rows";
import { RunStatusBadge } from "./run-status-badge";
import { RunFlowButton } from "./run-flow-button";
import { withEnvironment, type Environment } from "@/lib/flows/environment-labels";
import { FromTemplateMark } from "./templates/from-template-mark";

/** A flow as the list shows it. Each row travels twice (HTML and RSC payload): what the whole list shares is given once. */
export interface FlowRow {
  id: string;
  name: string;
  steps: string;
  lastRun: { status: string; when: string } | null;
  updated: string;
  /** The caller may run this flow (a group narrowed to particular flows runs only those). */
  canRun: boolean;
  /** For a flow made from a workspace template: its customisation and the template's name. */
  template: { useId: string; name: string } | null;
}

/** The tenant the rows belong to and the environment the list shows, for the cells' links and actions (the table's row context). */
interface FlowsTableContext {
  slug: string;
  environment: Environment;
}

const useFlowsTable = () => useRowContext<FlowsTableContext>();

type FlowCell = RowCellProps<FlowRow>;

// Cells are components declared once and the columns are constants: a cell function made during
// render is a new component type on every render, so React would re-create each row's controls (and
// lose "Run succeeded in …") when the list refreshes after the run.

function NameCell({ row }: FlowCell) {
  const template = row.original.template;
  const { slug, environment } = useFlowsTable();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Link href={withEnvironment(`/t/${slug}/flows/${row.original.id}`, environment)} className="font-medium text-blue-800 hover:underline">
        {row.original.name}
      </Link>
      {template && <FromTemplateMark slug={slug} useId={template.useId} templateName={template.name} />}
    </span>
  );
}

function StepsCell({ row }: FlowCell) {
  return <span className="text-slate-600">{row.original.steps}</span>;
}

function LastRunCell({ row }: FlowCell) {
  const lastRun = row.original.lastRun;
  return lastRun ? (
    <span className="inline-flex items-center gap-2">
      <RunStatusBadge status={lastRun.status} />
      <span className="text-slate-600">{lastRun.when}</span>
    </span>
  ) : (
    <span className="text-slate-500">Never run</span>
  );
}

function UpdatedCell({ row }: FlowCell) {
  return row.original.updated;
}

function RunHeader() {
  return <span className="sr-only">Run</span>;
}

function RunCell({ row }: FlowCell) {
  const { slug, environment } = useFlowsTable();
  if (!row.original.canRun) return null;
  return <RunFlowButton slug={slug} flowId={row.original.id} environment={environment} label="Run" />;
}

const READ_COLUMNS: TableColumn<FlowRow>[] = [
  { id: "name", header: "Name", cell: NameCell },
  { id: "steps", header: "Steps", cell: StepsCell },
  { id: "lastRun", header: "Last run", cell: LastRunCell },
  { id: "updatedAt", header: "Updated", cell: UpdatedCell },
];

const RUN_COLUMNS: TableColumn<FlowRow>[] = [...READ_COLUMNS, { id: "run", header: RunHeader, cell: RunCell }];

export function FlowsTable({
  slug,
  environment,
  rows,
  searching,
}: {
  slug: string;
  environment: Environment;
  rows: FlowRow[];
  searching: boolean;
}) {
  const canRun = rows.some((row) => row.canRun);
  // One holder per slug and environment, so the cells that read it do not re-render for nothing.
  const context = useMemo(() => ({ slug, environment }), [slug, environment]);
  return (
    <DataTable
      label="Flows"
      columns={canRun ? RUN_COLUMNS : READ_COLUMNS}
      rows={rows}
      context={context}
      empty={<NoRows filtered={searching} none="No flows yet" noMatch="No flows match this search" hint="Try another name." />}
    />
  );
}
