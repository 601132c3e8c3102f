"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { LiveRegion } from "@/components/ui/live-region";
import type { ActionResult } from "@/lib/action-result";

/**
 * Why a one-click action was refused: the field's own reason when the action gave one (a taken name),
 * which says more than the form-wide message ("Choose another name."), and there is no field to show it by.
 */
function refusalReason(result: Extract<ActionResult<unknown>, { ok: false }>) {
  const reasons = Object.values(result.fieldErrors ?? {}).flatMap((errors) => errors ?? []);
  return reasons.length > 0 ? reasons.join(" ") : result.message;
}

/**
 * A one-click template action ("Use template", "Reset to template") with its answer beside it; `goTo`
 * opens a page after success. `available={false}` hides the button but keeps the last answer: the page
 * refreshed by the action may no longer offer it (a reset field is not customised any more), and what
 * the action said must still show.
 */
export function TemplateActionButton<T extends { id: string }>({
  label,
  call,
  goTo,
  available = true,
}: {
  label: string;
  call: () => Promise<ActionResult<T>>;
  goTo?: (data: T) => string;
  available?: boolean;
}) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  // Offered again (the field customised anew): the last answer was about what came before.
  const [wasAvailable, setWasAvailable] = useState(available);
  if (wasAvailable !== available) {
    setWasAvailable(available);
    if (available) setResult(null);
  }
  if (!available && !result) return null;
  return (
    <span className="inline-flex items-center gap-2">
      {available && (
        <Button
          type="button"
          variant="secondary"
          className="shrink-0 px-2 py-1 text-xs whitespace-nowrap"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const answer = await call();
              setResult(answer);
              if (answer.ok && goTo) router.push(goTo(answer.data));
            })
          }
        >
          {label}
        </Button>
      )}
      <LiveRegion inline>
        {result && !result.ok && (
          <span role="alert" className="text-sm text-red-700">
            {refusalReason(result)}
          </span>
        )}
        {result?.ok && result.message && (
          <span role="status" className="text-sm text-green-800">
            {result.message}
          </span>
        )}
      </LiveRegion>
    </span>
  );
}
