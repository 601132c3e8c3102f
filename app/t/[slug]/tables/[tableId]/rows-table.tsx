"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import type { RowCellProps, TableColumn } from "@/components/data-table/table-column";
import { DataTable } from "@/components/data-table/data-table";
import { useRowContext } from "@/components/data-table/row-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import type { DataColumn, DataRowValues } from "@/db/schema/data-tables";
import { valueKeyOf } from "@/lib/data-tables/column-rules";
import { valueField } from "@/lib/data-tables/row-values";
import { deleteRow } from "../actions";
import { EditRowDialog } from "./edit-row-dialog";

export interface RowOfTable {
  id: string;
  values: DataRowValues;
  added: string;
}

interface RowsContext {
  slug: string;
  tableId: string;
  columns: DataColumn[];
}

type RowCell = RowCellProps<RowOfTable>;

/** A value as the grid shows it: booleans as Yes/No, an empty value as a dash. */
function shown(value: DataRowValues[string] | undefined): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

// Cells are components declared once (see DataTable); a value cell finds its column by its id ("c<i>").
function ValueCell({ row, column }: RowCell) {
  const { columns } = useRowContext<RowsContext>();
  const declared = columns[Number(column.id.slice(1))];
  return declared ? shown(row.original.values[valueKeyOf(declared)]) : null;
}

function AddedCell({ row }: RowCell) {
  return <span className="text-slate-600">{row.original.added}</span>;
}

function ActionsHeader() {
  return <span className="sr-only">Actions</span>;
}

function ActionsCell({ row }: RowCell) {
  const { slug, tableId, columns } = useRowContext<RowsContext>();
  const router = useRouter();
  return (
    <span className="flex gap-2">
      <EditRowDialog slug={slug} tableId={tableId} rowId={row.original.id} columns={columns} saved={row.original.values} />
      <ConfirmDialog
        triggerLabel="Delete"
        title="Delete this row?"
        confirmLabel="Delete"
        onConfirm={async () => {
          const result = await deleteRow(slug, null, { tableId, rowId: row.original.id });
          if (result.ok) router.refresh();
          return result;
        }}
      >
        The row is deleted for everyone in this tenant. This cannot be undone.
      </ConfirmDialog>
    </span>
  );
}

export function RowsTable({ slug, tableId, name, columns, rows, canWrite }: RowsContext & { name: string; rows: RowOfTable[]; canWrite: boolean }) {
  const definitions = useMemo<TableColumn<RowOfTable>[]>(
    () => [
      ...columns.map((column, index) => ({ id: valueField(index), header: column.name, cell: ValueCell })),
      { id: "added", header: "Added", cell: AddedCell },
      ...(canWrite ? [{ id: "actions", header: ActionsHeader, cell: ActionsCell }] : []),
    ],
    [columns, canWrite],
  );
  const context = useMemo(() => ({ slug, tableId, columns }), [slug, tableId, columns]);
  return <DataTable label={name} columns={definitions} rows={rows} context={context} empty={<EmptyState title="No rows yet" />} />;
}
