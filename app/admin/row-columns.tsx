"use client";

import type { TableColumn } from "@/components/data-table/table-column";
import type { ActionResult } from "@/lib/action-result";
import { FlagSwitch } from "./flag-switch";
import { InlineNumberForm } from "./inline-number-form";

/**
 * The console's editable columns: a number with its own Save button, or a flag saved as soon as it
 * is flipped, each named by the column's label in every row. Made once per column constant, so each
 * cell is one component type from render to render (see DataTable).
 */
export function numberColumn<Row>(column: {
  id: string;
  label: string;
  /** The form field's name, and the action's input key. */
  name: string;
  min?: number;
  max: number;
  /** Shown in an empty field: a limit that may be unset (null) says what empty means. */
  placeholder?: string;
  /** The Save button's name; "Save <label in lower case>" unless given. */
  saveLabel?: string;
  value: (row: Row) => number | null;
  /** The row's id fields the action needs beside the number. */
  ids: (row: Row) => Record<string, string>;
  action: (previous: unknown, form: FormData) => Promise<ActionResult<unknown>>;
}): TableColumn<Row> {
  return {
    id: column.id,
    header: column.label,
    cell: ({ row }) => (
      <InlineNumberForm
        label={column.label}
        name={column.name}
        value={column.value(row.original)}
        min={column.min}
        max={column.max}
        placeholder={column.placeholder}
        hidden={column.ids(row.original)}
        saveLabel={column.saveLabel ?? `Save ${column.label.toLowerCase()}`}
        action={column.action}
      />
    ),
  };
}

export function flagColumn<Row>(column: {
  id: string;
  label: string;
  checked: (row: Row) => boolean;
  save: (row: Row, value: boolean) => Promise<ActionResult<unknown>>;
}): TableColumn<Row> {
  return {
    id: column.id,
    header: column.label,
    cell: ({ row }) => <FlagSwitch label={column.label} checked={column.checked(row.original)} save={(value) => column.save(row.original, value)} />,
  };
}
