"use client";

import { useOptimistic, useState, useTransition } from "react";
import { Switch } from "@/components/ui/switch";
import type { ActionResult } from "@/lib/action-result";

/** An on/off account flag that saves as soon as it is toggled; a refusal puts it back and says why. */
export function FlagSwitch({
  label,
  checked,
  save,
}: {
  label: string;
  checked: boolean;
  save: (value: boolean) => Promise<ActionResult<unknown>>;
}) {
  const [optimistic, setOptimistic] = useOptimistic(checked);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col gap-1">
      <Switch
        label={label}
        checked={optimistic}
        disabled={pending}
        onChange={(value) =>
          startTransition(async () => {
            setError(null);
            setOptimistic(value);
            const result = await save(value);
            if (!result.ok) setError(result.message);
          })
        }
      />
      {error && (
        <p role="alert" className="max-w-56 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
