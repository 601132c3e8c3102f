"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { TenantAction } from "@/lib/actions/tenant-action";
import { formOutcome, shownValue, useFormAction } from "@/components/ui/use-form-action";

export function GeneralSettingsForm({
  slug,
  name,
  contactEmail,
  canManage,
  updateGeneralSettings,
}: {
  slug: string;
  name: string;
  contactEmail: string;
  canManage: boolean;
  updateGeneralSettings: TenantAction<null>;
}) {
  const { result, values, version, fieldErrors: errors, formAction, pending } = useFormAction((previous: unknown, form: FormData) =>
    updateGeneralSettings(slug, previous, form),
  );
  // The message sits outside the form, which is re-created on every submit (key={version}): its live
  // region must already be on the page when the message arrives.
  return (
    <div className="max-w-xl space-y-4">
      <form key={version} action={formAction} noValidate className="space-y-4">
        <TextField label="Name" name="name" defaultValue={shownValue(values, "name", name)} readOnly={!canManage} errors={errors.name} />
        <TextField
          label="Contact email"
          name="contactEmail"
          type="email"
          autoComplete="email"
          defaultValue={shownValue(values, "contactEmail", contactEmail)}
          readOnly={!canManage}
          description="Who to contact about this tenant. Leave it empty to have none."
          errors={errors.contactEmail}
        />
        {canManage && (
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save changes"}
          </Button>
        )}
      </form>
      {canManage && <FormMessage result={formOutcome(result)} success="Settings saved." />}
    </div>
  );
}
