"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { renameFlow } from "../actions";

export function RenameFlowForm({ slug, flowId, name }: { slug: string; flowId: string; name: string }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => renameFlow(slug, previous, form));
  // The message sits outside the form, which is re-created on every submit (key={version}): its live
  // region must already be on the page when the message arrives.
  return (
    <div className="space-y-3">
      <form key={version} action={formAction} noValidate className="flex flex-wrap items-start gap-3">
        <input type="hidden" name="flowId" value={flowId} />
        <TextField label="Name" name="name" defaultValue={String(values.name ?? name)} errors={fieldErrors.name} maxLength={80} className="w-72" />
        <Button type="submit" variant="secondary" disabled={pending} className="mt-6">
          {pending ? "Renaming…" : "Rename"}
        </Button>
      </form>
      <FormMessage result={result} success="Renamed." />
    </div>
  );
}
