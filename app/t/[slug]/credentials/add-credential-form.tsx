"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { addCredential } from "./actions";

// The value field is a plain textbox (so it is one for assistive technology, and password managers do
// not offer to fill it) that is never filled back: after a refusal it comes back empty (the value is
// not sent back to the browser), while the name and description are kept.
export function AddCredentialForm({ slug }: { slug: string }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => addCredential(slug, previous, form));
  return (
    <FormCard title="New credential">
      <form key={version} action={formAction} noValidate className="mt-4 grid gap-4 md:max-w-md">
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} autoComplete="off" />
        <TextField
          label="Value"
          name="value"
          autoComplete="off"
          spellCheck={false}
          errors={fieldErrors.value}
          description="Stored encrypted. After saving, only its last 4 characters are shown."
        />
        <TextField label="Description" name="description" defaultValue={String(values.description ?? "")} errors={fieldErrors.description} maxLength={200} />
        <FormMessage result={result} success={result?.ok ? `Added the credential ${result.data.name}.` : undefined} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add credential"}
          </Button>
        </div>
      </form>
    </FormCard>
  );
}
