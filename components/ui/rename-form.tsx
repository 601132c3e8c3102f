"use client";

import type { ActionResult } from "@/lib/action-result";
import { Button } from "./button";
import { FormMessage } from "./form-message";
import { TextField } from "./text-field";
import { useFormAction } from "./use-form-action";

/**
 * A thing's "Name" field and "Rename" button (a flow, a data table). `hidden`: the fields that say
 * which thing (its id), sent with the name. The message sits outside the form, which is re-created on
 * every submit (key={version}): its live region must already be on the page when the message arrives.
 */
export function RenameForm({
  name,
  hidden,
  rename,
  submitLabel = "Rename",
}: {
  name: string;
  hidden: Record<string, string>;
  rename: (previous: unknown, form: FormData) => Promise<ActionResult<unknown>>;
  /** The button's name, when "Rename" alone would not say what (a page with several things to rename). */
  submitLabel?: string;
}) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction(rename);
  return (
    <div className="space-y-3">
      <form key={version} action={formAction} noValidate className="flex flex-wrap items-start gap-3">
        {Object.entries(hidden).map(([field, value]) => (
          <input key={field} type="hidden" name={field} value={value} />
        ))}
        <TextField label="Name" name="name" defaultValue={String(values.name ?? name)} errors={fieldErrors.name} maxLength={80} className="w-72" />
        <Button type="submit" variant="secondary" disabled={pending} className="mt-6">
          {pending ? "Renaming…" : submitLabel}
        </Button>
      </form>
      <FormMessage result={result} success="Renamed." />
    </div>
  );
}
