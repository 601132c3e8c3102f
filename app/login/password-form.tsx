"use client";

import { Button } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { formOutcome } from "@/components/ui/use-form-action";
import { useSubmitKeepingValues } from "@/components/ui/use-submit-keeping-values";
import type { ActionResult } from "@/lib/action-result";
import { CompanyField } from "./company-field";
import { signInWithPasswordForm } from "./password-actions";

export function PasswordForm({ callbackUrl, company = "" }: { callbackUrl: string; company?: string }) {
  const [result, onSubmit, pending] = useSubmitKeepingValues<ActionResult<null> | null>(signInWithPasswordForm, null);
  // One message per field (the first rule it breaks), as the form has always shown them.
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const refusal = formOutcome(result);
  return (
    // noValidate: the server's messages, shown under the fields, are the ones users see and tests read.
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <CompanyField defaultValue={company} errors={fieldErrors?.company?.slice(0, 1)} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        errors={fieldErrors?.email?.slice(0, 1)}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors?.password?.slice(0, 1)}
      />
      {refusal && !refusal.ok && <ErrorMessage>{refusal.message}</ErrorMessage>}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
