"use client";

import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { StepSelects } from "@/components/flows/step-selects";
import { customiseFlowTemplate } from "./actions";

/**
 * The tenant's overrides: a value left equal to the template's stays inherited (it follows later template
 * changes). An inherited Name shows the template's name (so saving keeps it inherited) and, as its hint,
 * the name the flow has (`nameHint`: "<name> (template)" beside another flow of that name).
 */
export function CustomiseTemplateForm({
  slug,
  useId,
  current,
  credentialNames,
  nameHint,
}: {
  slug: string;
  useId: string;
  current: { name: string; description: string; extraSteps: string[] };
  credentialNames: string[];
  nameHint?: string;
}) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => customiseFlowTemplate(slug, previous, form));
  const extraSteps = values.extraSteps === undefined ? current.extraSteps : [values.extraSteps].flat();
  return (
    <FormCard title="Customise">
      <form key={`${version}:${current.name}:${current.description}`} action={formAction} noValidate className="mt-4 space-y-4">
        <input type="hidden" name="useId" value={useId} />
        <p className="text-xs text-slate-600">A field left as the template has it stays inherited and follows the template&apos;s later changes.</p>
        <div className="grid gap-3 md:grid-cols-2">
          <TextField label="Name" name="name" defaultValue={String(values.name ?? current.name)} errors={fieldErrors.name} description={nameHint} maxLength={80} autoComplete="off" />
          <TextField label="Description" name="description" defaultValue={String(values.description ?? current.description)} errors={fieldErrors.description} maxLength={500} autoComplete="off" />
        </div>
        <StepSelects name="extraSteps" legend="Extra steps, run after the template's" steps={extraSteps} errors={fieldErrors.extraSteps} credentialNames={credentialNames} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save customisation"}
        </Button>
      </form>
      <FormMessage className="mt-2" result={result} />
    </FormCard>
  );
}
