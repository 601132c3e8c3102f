"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { LiveRegion } from "@/components/ui/live-region";
import type { ActionResult } from "@/lib/action-result";
import { formatDuration } from "@/lib/format";
import { runFlow } from "./actions";
import type { Environment } from "@/db/schema/flows";

/** Runs a flow now and says how it went, beside the button; the runs list refreshes from the server. */
export function RunFlowButton({ slug, flowId, environment, label = "Run flow" }: { slug: string; flowId: string; environment: Environment; label?: string }) {
  const [result, setResult] = useState<ActionResult<{ status: string; durationMs: number }> | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() => startTransition(async () => setResult(await runFlow(slug, null, { flowId, environment })))}
      >
        {pending ? "Running…" : label}
      </Button>
      <LiveRegion inline>
        {result &&
          (result.ok ? (
            <span role="status" className={`text-sm ${result.data.status === "succeeded" ? "text-green-800" : "text-red-700"}`}>
              Run {result.data.status} in {formatDuration(result.data.durationMs)}
            </span>
          ) : (
            <span role="alert" className="text-sm text-red-700">
              {result.message}
            </span>
          ))}
      </LiveRegion>
    </span>
  );
}
