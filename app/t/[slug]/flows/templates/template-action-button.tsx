"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { LiveRegion } from "@/components/ui/live-region";
import type { ActionResult } from "@/lib/action-result";

/** A one-click template action ("Use template", "Reset to template") with its answer beside it; `goTo` opens a page after success. */
export function TemplateActionButton({
  label,
  call,
  goTo,
}: {
  label: string;
  call: () => Promise<ActionResult<{ id: string }>>;
  goTo?: (id: string) => string;
}) {
  const [result, setResult] = useState<ActionResult<{ id: string }> | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const answer = await call();
            setResult(answer);
            if (answer.ok && goTo) router.push(goTo(answer.data.id));
          })
        }
      >
        {label}
      </Button>
      <LiveRegion inline>
        {result && !result.ok && (
          <span role="alert" className="text-sm text-red-700">
            {result.message}
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
