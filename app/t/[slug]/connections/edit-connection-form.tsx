"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ConnectorKey } from "@/lib/connections/catalog";
import { ConnectionFields } from "./connection-fields";
import { updateConnectionAction } from "./actions";

/** The connection's name and settings, filled in; its secrets write-only ("leave empty to keep"). */
export function EditConnectionForm({
  slug,
  connection,
}: {
  slug: string;
  connection: { id: string; name: string; connector: ConnectorKey; settings: Record<string, string | number | boolean> };
}) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => updateConnectionAction(slug, previous, form));
  const shown = result && !result.ok ? values : { name: connection.name, ...connection.settings };
  return (
    <FormCard title="Edit connection">
      <form key={version} action={formAction} noValidate className="mt-4 grid gap-4 md:max-w-md">
        <input type="hidden" name="connectionId" value={connection.id} />
        <TextField label="Name" name="name" defaultValue={String(shown.name ?? "")} errors={fieldErrors.name} maxLength={80} autoComplete="off" />
        <ConnectionFields connector={connection.connector} values={shown} errors={fieldErrors} editing />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save connection"}
          </Button>
        </div>
      </form>
      <FormMessage result={result} success={result?.ok ? "Saved the connection." : undefined} className="mt-3" />
    </FormCard>
  );
}
