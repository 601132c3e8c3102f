"use client";

import { useActionState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";

export interface SettingsFormState<T> {
  result: ActionResult<T>;
  /** What was submitted, so a refused form shows it again instead of the saved values. */
  values: Record<string, string>;
  /** Bumped on every submit: the form's key, so its fields remount with the right default values. */
  submission: number;
}

/**
 * A settings form bound to a tenant action: keeps what was typed when the action refuses, and
 * refreshes the page's server data after a success (the action itself does not revalidate).
 */
export function useSettingsForm<T>(action: (previous: unknown, form: FormData) => Promise<ActionResult<T>>) {
  const router = useRouter();
  return useActionState<SettingsFormState<T> | null, FormData>(async (previous, form) => {
    const result = await action(previous?.result ?? null, form);
    if (result.ok) router.refresh();
    const values = Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]));
    return { result, values, submission: (previous?.submission ?? 0) + 1 };
  }, null);
}

/** The value a field shows: what was typed if the last submit was refused, else the saved value. */
export function shownValue(state: SettingsFormState<unknown> | null, name: string, saved: string): string {
  return state && !state.result.ok ? (state.values[name] ?? saved) : saved;
}

/** The form-wide outcome to show: a success, or a refusal not already shown next to a field. */
export function formOutcome<T>(state: SettingsFormState<T> | null): ActionResult<T> | null {
  if (!state) return null;
  const { result } = state;
  return !result.ok && result.fieldErrors && Object.keys(result.fieldErrors).length > 0 ? null : result;
}
