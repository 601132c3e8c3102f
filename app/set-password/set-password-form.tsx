"use client";

import { Button } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useSubmitKeepingValues } from "@/components/ui/use-submit-keeping-values";
import { setPasswordWithLink, type SetPasswordFormState } from "./actions";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, onSubmit, pending] = useSubmitKeepingValues<SetPasswordFormState>(setPasswordWithLink, {});
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
        errors={state.fieldErrors?.password ? [state.fieldErrors.password] : undefined}
      />
      <TextField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={state.fieldErrors?.confirmPassword ? [state.fieldErrors.confirmPassword] : undefined}
      />
      {state.error && <ErrorMessage>{state.error}</ErrorMessage>}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
