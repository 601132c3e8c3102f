"use client";

import { useOptimistic, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

/**
 * A switch saved as soon as it is flipped: shown flipped at once, flipped back with the refusal's
 * message when the save fails. A success needs no refresh: the action's wrapper revalidates the
 * tenant's pages, and the new value arrives with its answer.
 */
export function useSavedSwitch(saved: boolean, save: (next: boolean) => Promise<ActionResult<unknown>>) {
  const [shown, setShown] = useOptimistic(saved);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function change(next: boolean) {
    setError(null);
    startTransition(async () => {
      setShown(next);
      const result = await save(next);
      if (!result.ok) setError(result.message);
    });
  }

  return { shown, change, pending, error };
}
