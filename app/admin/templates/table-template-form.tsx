"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { ColumnRows } from "@/components/data-tables/column-rows";
import type { TemplateColumn } from "@/db/schema/table-templates";
import { createTableTemplate, updateTableTemplate } from "./table-template-actions";

// Spare column rows offered besides the template's own; rows left without a name are dropped.
const SPARE_ROWS = 2;

/**
 * Creates a table template, or (given `template`) edits one: every tenant that did not override a
 * field sees the change. Each column row sends its key back, so a renamed or retyped column stays the
 * same column; clearing a row's name removes the column (tenants keep its values).
 */
export function TableTemplateForm({ template }: { template?: { id: string; name: string; description: string; columns: TemplateColumn[] } }) {
  const action = template ? updateTableTemplate : createTableTemplate;
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction(action);
  const typedNames = values.columnName === undefined ? null : [values.columnName].flat();
  const typedTypes = [values.columnType ?? []].flat();
  const typedKeys = [values.columnKey ?? []].flat();
  const rows = typedNames
    ? typedNames.map((name, index) => ({ name: String(name), type: String(typedTypes[index] ?? "text"), key: String(typedKeys[index] ?? "") }))
    : (template?.columns ?? []).map((column) => ({ ...column }));
  return (
    <div>
      <form key={version} action={formAction} noValidate className="space-y-3">
        {template && <input type="hidden" name="templateId" value={template.id} />}
        <div className="grid gap-3 md:grid-cols-2">
          <TextField label="Name" name="name" defaultValue={String(values.name ?? template?.name ?? "")} errors={fieldErrors.name} maxLength={80} autoComplete="off" />
          <TextField
            label="Description"
            name="description"
            defaultValue={String(values.description ?? template?.description ?? "")}
            errors={fieldErrors.description}
            maxLength={500}
            autoComplete="off"
          />
        </div>
        <ColumnRows
          id={`table-template-${template?.id ?? "new"}-columns`}
          legend="Columns"
          rows={rows.map((row) => ({ ...row, key: row.key ?? "" }))}
          count={rows.length + SPARE_ROWS}
          errors={fieldErrors.columns}
        />
        <Button type="submit" disabled={pending}>
          {template ? (pending ? "Saving…" : "Save template") : pending ? "Creating…" : "Create template"}
        </Button>
      </form>
      <FormMessage className="mt-2" result={result} success={result?.ok ? (template ? `Saved the template ${result.data.name}.` : `Created the template ${result.data.name}.`) : undefined} />
    </div>
  );
}
