"use client";

import { Button } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useSubmitKeepingValues } from "@/components/ui/use-submit-keeping-values";
import { signInWithPasswordForm, type PasswordFormState } from "./password-actions";

export function PasswordForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, onSubmit, pending] = useSubmitKeepingValues<PasswordFormState>(signInWithPasswordForm, {});
  return (
    // noValidate: the server's messages, shown under the fields, are the ones users see and tests read.
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        errors={state.fieldErrors?.email ? [state.fieldErrors.email] : undefined}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.password ? [state.fieldErrors.password] : undefined}
      />
      {state.error && <ErrorMessage>{state.error}</ErrorMessage>}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
