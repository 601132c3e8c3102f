"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { connectionStep, credentialStep, MAX_STEPS, STEP_KINDS, STEP_LABELS, stepLabel } from "@/lib/flows/steps";
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
  const stepErrors = fieldErrors.steps;
  return (
    <FormCard title="New flow">
      <form key={version} action={formAction} noValidate className="mt-4 space-y-4">
        <input type="hidden" name="environment" value={environment} />
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} className="max-w-md" />
        <fieldset aria-describedby={stepErrors?.length ? "new-flow-steps-error" : undefined}>
          <legend className="text-sm font-medium">Steps, run in this order</legend>
          <div className="mt-2 flex flex-wrap gap-3">
            {Array.from({ length: MAX_STEPS }, (_, index) => (
              <label key={index} className="text-xs text-slate-600">
                Step {index + 1}
                <select
                  name="steps"
                  defaultValue={typedSteps[index] ?? ""}
                  className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
                >
                  <option value="">No step</option>
                  {STEP_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {STEP_LABELS[kind]}
                    </option>
                  ))}
                  {credentialNames.length ? (
                    <optgroup label="Credentials">
                      {credentialNames.map((name) => (
                        <option key={name} value={credentialStep(name)}>
                          {stepLabel(credentialStep(name))}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                  {connections.length ? (
                    <optgroup label="Connections">
                      {connections.map((connection) => (
                        <option key={connection.id} value={connectionStep(connection.id)}>
                          {`Use the connection ${connection.name}`}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                </select>
              </label>
            ))}
          </div>
          {stepErrors?.length ? (
            <p id="new-flow-steps-error" role="alert" className="mt-1 text-sm text-red-700">
              {stepErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <FormMessage result={result} success={result?.ok ? `Created the flow ${result.data.name}.` : undefined} />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create flow"}
        </Button>
      </form>
    </FormCard>
  );
}
