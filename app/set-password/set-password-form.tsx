"use client";

import { Button } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { formOutcome } from "@/components/ui/use-form-action";
import { useSubmitKeepingValues } from "@/components/ui/use-submit-keeping-values";
import type { ActionResult } from "@/lib/action-result";
import { setPasswordWithLink } from "./actions";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [result, onSubmit, pending] = useSubmitKeepingValues<ActionResult<null> | null>(setPasswordWithLink, null);
  // One message per field (the first rule it breaks), as the form has always shown them.
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  // The link's own problem (the hidden token field's message, or a spent link) is the form's.
  const refusal = formOutcome(result);
  const formError = fieldErrors?.token?.[0] ?? (refusal && !refusal.ok ? refusal.message : undefined);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        errors={fieldErrors?.password?.slice(0, 1)}
      />
      <TextField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={fieldErrors?.confirmPassword?.slice(0, 1)}
      />
      {formError && <ErrorMessage>{formError}</ErrorMessage>}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
