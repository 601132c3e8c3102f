"use client";

import { Button } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { formOutcome } from "@/components/ui/use-form-action";
import { useSubmitKeepingValues } from "@/components/ui/use-submit-keeping-values";
import type { ActionResult } from "@/lib/action-result";
import { verifySecondFactor } from "./actions";

export function SecondFactorForm({ callbackUrl }: { callbackUrl: string }) {
  const [result, onSubmit, pending] = useSubmitKeepingValues<ActionResult<null> | null>(verifySecondFactor, null);
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const refusal = formOutcome(result);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label="Code"
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        autoFocus
        required
        description="The 6-digit code from your authenticator app, or one of your recovery codes."
        errors={fieldErrors?.code?.slice(0, 1)}
      />
      {refusal && !refusal.ok && <ErrorMessage>{refusal.message}</ErrorMessage>}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Checking…" : "Verify"}
      </Button>
    </form>
  );
}
