"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { TenantAction } from "@/lib/actions/tenant-action";
import { formOutcome, shownValue, useSettingsForm } from "./use-settings-form";

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
  const [state, action, pending] = useSettingsForm((previous, form) => updateGeneralSettings(slug, previous, form));
  const errors = state && !state.result.ok ? state.result.fieldErrors : undefined;
  return (
    <form key={state?.submission ?? 0} action={action} noValidate className="max-w-xl space-y-4">
      <TextField label="Name" name="name" defaultValue={shownValue(state, "name", name)} readOnly={!canManage} errors={errors?.name} />
      <TextField
        label="Contact email"
        name="contactEmail"
        type="email"
        autoComplete="email"
        defaultValue={shownValue(state, "contactEmail", contactEmail)}
        readOnly={!canManage}
        description="Who to contact about this tenant. Leave it empty to have none."
        errors={errors?.contactEmail}
      />
      {canManage && (
        <>
          <FormMessage result={formOutcome(state)} success="Settings saved." />
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save changes"}
          </Button>
        </>
      )}
    </form>
  );
}
