"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { DATA_COLUMN_TYPES } from "@/db/schema/data-tables";
import { COLUMN_TYPE_LABELS } from "@/lib/data-tables/column-rules";
import { createDataTable } from "./actions";

// Column rows offered at once; rows left without a name are dropped by the server.
const COLUMN_ROWS = 5;

export function CreateTableForm({ slug }: { slug: string }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => createDataTable(slug, previous, form));
  const typedNames = [values.columnName ?? []].flat();
  const typedTypes = [values.columnType ?? []].flat();
  const columnErrors = fieldErrors.columns;
  return (
    <FormCard title="New table">
      <form key={version} action={formAction} noValidate className="mt-4 space-y-4">
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} className="max-w-md" />
        <fieldset aria-describedby={columnErrors?.length ? "new-table-columns-error" : undefined}>
          <legend className="text-sm font-medium">Columns</legend>
          <div className="mt-2 space-y-2">
            {Array.from({ length: COLUMN_ROWS }, (_, index) => (
              <div key={index} className="flex flex-wrap gap-3">
                <TextField label={`Column ${index + 1} name`} name="columnName" defaultValue={typedNames[index] ?? ""} maxLength={60} className="w-60" />
                <label className="text-sm font-medium">
                  {`Column ${index + 1} type`}
                  <select
                    name="columnType"
                    defaultValue={typedTypes[index] ?? "text"}
                    className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-2 text-sm font-normal"
                  >
                    {DATA_COLUMN_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {COLUMN_TYPE_LABELS[type]}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            ))}
          </div>
          {columnErrors?.length ? (
            <p id="new-table-columns-error" role="alert" className="mt-1 text-sm text-red-700">
              {columnErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <FormMessage result={result} success={result?.ok ? `Created the table ${result.data.name}.` : undefined} />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "New table"}
        </Button>
      </form>
    </FormCard>
  );
}
