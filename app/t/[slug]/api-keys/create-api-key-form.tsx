"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { ROLE_LABELS } from "@/lib/permissions";
import { API_KEY_ROLES } from "@/lib/api-keys/api-key-roles";
import { CopyButton } from "@/components/ui/copy-button";
import { createApiKey } from "./actions";

// After a successful create, the key is shown here once (it lives only in this component's state):
// a reload or another visit shows the key's name, never the key again.
export function CreateApiKeyForm({ slug }: { slug: string }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => createApiKey(slug, previous, form));
  return (
    <FormCard title="New API key">
      <form key={version} action={formAction} noValidate className="mt-4 grid gap-4 md:max-w-md">
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} autoComplete="off" />
        <SelectField
          label="Role"
          name="role"
          defaultValue={String(values.role ?? "viewer")}
          options={API_KEY_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          errors={fieldErrors.role}
        />
        <TextField
          label="Expires"
          name="expires"
          type="date"
          defaultValue={String(values.expires ?? "")}
          errors={fieldErrors.expires}
          description="Optional. The key stops working at 00:00 UTC on this day."
        />
        {result && !result.ok ? <FormMessage result={result} /> : null}
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create API key"}
          </Button>
        </div>
      </form>
      {result?.ok && (
        <div role="status" className="mt-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          <p>{`Created the API key ${result.data.name}. Copy it now: it will not be shown again.`}</p>
          <p className="mt-2 flex flex-wrap items-center gap-2">
            <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1 font-mono text-xs">
              {result.data.key}
            </code>
            <CopyButton value={result.data.key} label="Copy" />
          </p>
        </div>
      )}
    </FormCard>
  );
}
