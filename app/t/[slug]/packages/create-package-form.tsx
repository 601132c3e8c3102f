"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { Environment } from "@/db/schema/flows";
import { createPackage } from "./actions";

/** "New package": a name and one checkbox per flow of the environment (named by the flow's name). */
export function CreatePackageForm({ slug, environment, flows }: { slug: string; environment: Environment; flows: { id: string; name: string }[] }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => createPackage(slug, previous, form));
  const chosen = new Set([values.flowIds ?? []].flat());
  const flowErrors = fieldErrors.flowIds;
  return (
    <FormCard title="New package">
      <form key={version} action={formAction} noValidate className="mt-4 space-y-4">
        <input type="hidden" name="environment" value={environment} />
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} className="max-w-md" />
        <fieldset aria-describedby={flowErrors?.length ? "new-package-flows-error" : undefined}>
          <legend className="text-sm font-medium">Flows</legend>
          {flows.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">This environment has no flows yet.</p>
          ) : (
            <div className="mt-2 flex flex-wrap gap-4">
              {flows.map((flow) => (
                <label key={flow.id} className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" name="flowIds" value={flow.id} defaultChecked={chosen.has(flow.id)} />
                  {flow.name}
                </label>
              ))}
            </div>
          )}
          {flowErrors?.length ? (
            <p id="new-package-flows-error" role="alert" className="mt-1 text-sm text-red-700">
              {flowErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <FormMessage result={result} success={result?.ok ? `Created the package ${result.data.name}.` : undefined} />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create package"}
        </Button>
      </form>
    </FormCard>
  );
}
