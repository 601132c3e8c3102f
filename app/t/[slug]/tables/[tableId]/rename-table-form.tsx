"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { renameDataTableAction } from "../actions";

export function RenameTableForm({ slug, tableId, name }: { slug: string; tableId: string; name: string }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => renameDataTableAction(slug, previous, form));
  // The message sits outside the re-created form (key={version}), so its live region stays on the page.
  return (
    <div className="space-y-3">
      <form key={version} action={formAction} noValidate className="flex flex-wrap items-start gap-3">
        <input type="hidden" name="tableId" value={tableId} />
        <TextField label="Name" name="name" defaultValue={String(values.name ?? name)} errors={fieldErrors.name} maxLength={80} className="w-72" />
        <Button type="submit" variant="secondary" disabled={pending} className="mt-6">
          {pending ? "Renaming…" : "Rename"}
        </Button>
      </form>
      <FormMessage result={result} success="Renamed." />
    </div>
  );
}
