"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { StepSelects } from "@/components/flows/step-selects";
import { createFlow } from "./actions";
import type { Environment } from "@/db/schema/flows";

// A new flow starts with a sensible sequence; every step can be changed or cleared.
const DEFAULT_STEPS = ["validate", "transform", "notify"];

/**
 * `credentialNames`: the tenant's credentials a step may use (empty for callers who may not use them);
 * `connections`: the tenant's connections a step may use.
 */
export function CreateFlowForm({
  slug,
  credentialNames,
  connections = [],
  environment,
}: {
  slug: string;
  credentialNames: string[];
  connections?: { id: string; name: string }[];
  environment: Environment;
}) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => createFlow(slug, previous, form));
  const typedSteps = values.steps === undefined ? DEFAULT_STEPS : [values.steps].flat();
  return (
    <FormCard title="New flow">
      <form key={version} action={formAction} noValidate className="mt-4 space-y-4">
        <input type="hidden" name="environment" value={environment} />
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} className="max-w-md" />
        <StepSelects name="steps" legend="Steps, run in this order" steps={typedSteps} errors={fieldErrors.steps} credentialNames={credentialNames} connections={connections} />
        <FormMessage result={result} success={result?.ok ? `Created the flow ${result.data.name}.` : undefined} />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create flow"}
        </Button>
      </form>
    </FormCard>
  );
}
