"use client";

import { TextField } from "@/components/ui/text-field";
import type { FieldErrors } from "@/lib/action-result";
import type { DataColumn, DataRowValues } from "@/db/schema/data-tables";
import { valueKeyOf } from "@/lib/data-tables/column-rules";
import { valueField } from "@/lib/data-tables/row-values";
import type { SubmittedValues } from "@/components/ui/use-form-action";

/**
 * One input per column, labelled by the column's name, its error under it. `typed`: what a refused
 * submit sent (kept); `saved`: the row's values when editing one.
 */
export function RowFields({ columns, typed, saved, fieldErrors }: { columns: DataColumn[]; typed: SubmittedValues; saved?: DataRowValues; fieldErrors: FieldErrors }) {
  return (
    <div className="flex flex-wrap gap-3">
      {columns.map((column, index) => {
        const field = valueField(index);
        const submitted = typed[field];
        const initial = submitted !== undefined ? String(submitted) : saved?.[valueKeyOf(column)] == null ? "" : String(saved[valueKeyOf(column)]);
        if (column.type === "boolean") {
          const checked = Object.keys(typed).length ? submitted === "on" : saved?.[valueKeyOf(column)] === true;
          return (
            <label key={column.name} className="mt-6 flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" name={field} defaultChecked={checked} className="h-4 w-4" />
              {column.name}
            </label>
          );
        }
        return (
          <TextField
            key={column.name}
            label={column.name}
            name={field}
            type={column.type === "date" ? "date" : "text"}
            inputMode={column.type === "number" ? "decimal" : undefined}
            defaultValue={initial}
            errors={fieldErrors[field]}
            className="w-56"
          />
        );
      })}
    </div>
  );
}
