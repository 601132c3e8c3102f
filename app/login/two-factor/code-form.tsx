"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/action-result";
import { verifySecondFactor } from "./actions";

/** The code of the second step; a wrong one is said next to the field, other refusals under the form. */
export function SecondFactorForm({ callbackUrl }: { callbackUrl: string }) {
  const [result, action, pending] = useActionState<ActionResult<null> | null, FormData>(verifySecondFactor, null);
  const codeErrors = result && !result.ok ? result.fieldErrors?.code?.slice(0, 1) : undefined;
  return (
    <form action={action} noValidate className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label="Code"
        name="code"
        autoComplete="one-time-code"
        autoFocus
        required
        description="The 6-digit code from your authenticator app, or one of your recovery codes."
        errors={codeErrors}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Checking…" : "Verify"}
      </Button>
      {!codeErrors && <FormMessage result={result} />}
    </form>
  );
}
