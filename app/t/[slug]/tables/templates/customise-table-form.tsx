"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { ColumnRows } from "@/components/data-tables/column-rows";
import { customiseTableTemplate } from "./actions";

/** The tenant's overrides: a value left equal to the template's stays inherited (it follows later template changes). */
export function CustomiseTableForm({
  slug,
  tableId,
  current,
}: {
  slug: string;
  tableId: string;
  current: { name: string; labels: { key: string; label: string }[]; extras: { key: string; name: string; type: string }[] };
}) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => customiseTableTemplate(slug, previous, form));
  return (
    <div className="mt-4 border-t border-slate-200 pt-4">
      <h3 className="text-sm font-medium">Customise</h3>
      <form key={`${version}:${JSON.stringify(current)}`} action={formAction} noValidate className="mt-2 space-y-4">
        <input type="hidden" name="tableId" value={tableId} />
        <p className="text-xs text-slate-600">A field left as the template has it stays inherited and follows the template&apos;s later changes.</p>
        <TextField label="Table name" name="name" defaultValue={String(values.name ?? current.name)} errors={fieldErrors.name} maxLength={80} autoComplete="off" className="max-w-md" />
        <div className="grid gap-3 md:grid-cols-2">
          {current.labels.map(({ key, label }) => (
            <TextField
              key={key}
              label={`Label of ${label}`}
              name={`label.${key}`}
              defaultValue={String(values[`label.${key}`] ?? label)}
              maxLength={60}
              autoComplete="off"
            />
          ))}
        </div>
        {/* The labels' messages come together (zod names the field "labels"). */}
        {fieldErrors.labels?.length ? (
          <p role="alert" className="text-sm text-red-700">
            {`Column labels: ${fieldErrors.labels.join(" ")}`}
          </p>
        ) : null}
        <ColumnRows id={`customise-${tableId}-columns`} legend="Extra columns, after the template's" rows={current.extras} count={current.extras.length + 1} errors={fieldErrors.columns} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save customisation"}
        </Button>
      </form>
      <FormMessage className="mt-2" result={result} />
    </div>
  );
}
