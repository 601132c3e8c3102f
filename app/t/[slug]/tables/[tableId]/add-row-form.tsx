"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import type { DataColumn } from "@/db/schema/data-tables";
import { addRow } from "../actions";
import { RowFields } from "./row-fields";

export function AddRowForm({ slug, tableId, columns }: { slug: string; tableId: string; columns: DataColumn[] }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => addRow(slug, previous, form));
  return (
    <FormCard title="New row">
      <form key={version} action={formAction} noValidate className="mt-4 space-y-4">
        <input type="hidden" name="tableId" value={tableId} />
        <RowFields columns={columns} typed={values} fieldErrors={fieldErrors} />
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add row"}
        </Button>
      </form>
      <FormMessage result={result} success="Row added." className="mt-3" />
    </FormCard>
  );
}
