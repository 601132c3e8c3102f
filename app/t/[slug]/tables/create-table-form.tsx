"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { ColumnRows } from "@/components/data-tables/column-rows";
import { createDataTable } from "./actions";

// Column rows offered at once; rows left without a name are dropped by the server.
const COLUMN_ROWS = 5;

export function CreateTableForm({ slug }: { slug: string }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => createDataTable(slug, previous, form));
  const typedNames = [values.columnName ?? []].flat();
  const typedTypes = [values.columnType ?? []].flat();
  return (
    <FormCard title="New table">
      <form key={version} action={formAction} noValidate className="mt-4 space-y-4">
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} className="max-w-md" />
        <ColumnRows
          id="new-table-columns"
          legend="Columns"
          rows={typedNames.map((name, index) => ({ name: String(name), type: String(typedTypes[index] ?? "text") }))}
          count={COLUMN_ROWS}
          errors={fieldErrors.columns}
        />
        <FormMessage result={result} success={result?.ok ? `Created the table ${result.data.name}.` : undefined} />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "New table"}
        </Button>
      </form>
    </FormCard>
  );
}
