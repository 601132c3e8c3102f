"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";

export type SubmittedValues = Record<string, string | string[]>;

interface FormActionState<T> {
  result: ActionResult<T> | null;
  /** What was typed, kept after a refusal so the form can show it again (defaultValue). */
  values: SubmittedValues;
  /** Changes on every submit: use it as the form's key so inputs take their new defaultValue. */
  version: number;
}

/**
 * useActionState for a form backed by a wrapped server action: keeps the last result and, when it
 * was refused, the submitted values (React resets a form after its action runs). `onSuccess` runs
 * after an accepted submit (e.g. a message or a redirect; the wrapped actions revalidate the page themselves).
 */
export function useFormAction<T>(
  action: (previous: unknown, form: FormData) => Promise<ActionResult<T>>,
  options: { onSuccess?: (data: T) => void } = {},
) {
  const [state, formAction, pending] = useActionState<FormActionState<T>, FormData>(
    async (previous, form) => {
      const result = await action(previous.result, form);
      if (result.ok) options.onSuccess?.(result.data);
      return { result, values: result.ok ? {} : valuesOf(form), version: previous.version + 1 };
    },
    { result: null, values: {}, version: 0 },
  );
  const fieldErrors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return { ...state, fieldErrors, formAction, pending };
}

function valuesOf(form: FormData): SubmittedValues {
  const values: SubmittedValues = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).filter((value): value is string => typeof value === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** The value a field shows: what was typed if the last submit was refused, else the saved value. */
export function shownValue(values: SubmittedValues, name: string, saved: string): string {
  const typed = values[name];
  return typed === undefined ? saved : [typed].flat().join(",");
}

/** The form-wide outcome to show: a success, or a refusal not already shown next to a field. */
export function formOutcome<T>(result: ActionResult<T> | null): ActionResult<T> | null {
  if (!result || result.ok) return result;
  return result.fieldErrors && Object.keys(result.fieldErrors).length > 0 ? null : result;
}
