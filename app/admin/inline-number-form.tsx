"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { LabelledInput } from "@/components/ui/labelled-input";
import { LiveRegion } from "@/components/ui/live-region";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/action-result";

/**
 * One number in a table row with its own Save button (e.g. "Flow cap"). A limit that may be unset
 * (null, "no limit") shows an empty field with `placeholder`. The label is the same in
 * every row; the row says which record it belongs to. A refusal shows under the field and keeps
 * what was typed.
 */
export function InlineNumberForm({
  label,
  name,
  value,
  min = 0,
  max,
  placeholder,
  hidden,
  saveLabel,
  action,
}: {
  label: string;
  name: string;
  value: number | null;
  min?: number;
  max: number;
  placeholder?: string;
  hidden: Record<string, string>;
  saveLabel: string;
  action: (previous: unknown, form: FormData) => Promise<ActionResult<unknown>>;
}) {
  const id = useId();
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction(action);
  const errors = fieldErrors[name] ?? (result && !result.ok ? [result.message] : undefined);
  // The form is re-created on every submit and whenever the saved value changes (an input the browser has
  // already filled ignores a new defaultValue, so it would keep showing a stale value, e.g. after a
  // license change resets the flow cap). The messages sit outside it: a live region must already be
  // on the page when its message arrives.
  return (
    <div>
      <form key={`${version}:${value}`} action={formAction} noValidate className="flex flex-wrap items-center gap-2">
        {Object.entries(hidden).map(([key, hiddenValue]) => (
          <input key={key} type="hidden" name={key} value={hiddenValue} />
        ))}
        <LabelledInput
          id={id}
          label={label}
          labelClassName="sr-only"
          name={name}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          placeholder={placeholder}
          defaultValue={String(values[name] ?? value ?? "")}
          aria-invalid={errors ? true : undefined}
          describedBy={[Boolean(errors) && `${id}-error`]}
          className="w-24 rounded-md border border-slate-300 px-2 py-1 text-sm aria-invalid:border-red-600"
        />
        <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1">
          {saveLabel}
        </Button>
      </form>
      <LiveRegion className="mt-1 text-xs">
        {errors && (
          <p id={`${id}-error`} role="alert" className="text-red-700">
            {errors.join(" ")}
          </p>
        )}
        {result?.ok && (
          <p role="status" className="text-green-800">
            Saved.
          </p>
        )}
      </LiveRegion>
    </div>
  );
}
