"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { StepSelects } from "@/components/flows/step-selects";
import { createFlowTemplate, updateFlowTemplate } from "./actions";

// The limit lib/templates/template-input.ts checks with zod (kept out of the browser bundle).
const DESCRIPTION_MAX = 500;

/** Creates a flow template, or (given `template`) edits one: every tenant that did not override a field sees the change. */
export function FlowTemplateForm({ template }: { template?: { id: string; name: string; description: string; steps: string[] } }) {
  const action = template ? updateFlowTemplate : createFlowTemplate;
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction(action);
  const steps = values.steps === undefined ? (template?.steps ?? ["validate"]) : [values.steps].flat();
  return (
    <div>
      <form key={version} action={formAction} noValidate className="space-y-3">
        {template && <input type="hidden" name="templateId" value={template.id} />}
        <div className="grid gap-3 md:grid-cols-2">
          <TextField label="Name" name="name" defaultValue={String(values.name ?? template?.name ?? "")} errors={fieldErrors.name} maxLength={80} autoComplete="off" />
          <TextField
            label="Description"
            name="description"
            defaultValue={String(values.description ?? template?.description ?? "")}
            errors={fieldErrors.description}
            maxLength={DESCRIPTION_MAX}
            autoComplete="off"
          />
        </div>
        <StepSelects name="steps" legend="Steps, run in this order" steps={steps} errors={fieldErrors.steps} />
        <Button type="submit" disabled={pending}>
          {template ? (pending ? "Saving…" : "Save template") : pending ? "Creating…" : "Create template"}
        </Button>
      </form>
      <FormMessage className="mt-2" result={result} success={result?.ok ? (template ? `Saved the template ${result.data.name}.` : `Created the template ${result.data.name}.`) : undefined} />
    </div>
  );
}
