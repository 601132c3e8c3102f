"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { requestMagicLink, type MagicLinkFormState } from "./actions";

export function MagicLinkForm({
  callbackUrl,
  initialEmail = "",
  buttonLabel = "Email me a sign-in link",
}: {
  callbackUrl: string;
  /** Prefilled address (the welcome mail's link carries it). */
  initialEmail?: string;
  buttonLabel?: string;
}) {
  const [state, action, pending] = useActionState<MagicLinkFormState, FormData>(requestMagicLink, { email: initialEmail });
  return (
    // noValidate: the server's message, shown under the field, is the one users see and tests read.
    <form action={action} noValidate className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          key={state.email}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "email-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-600"
        />
        {state.error && (
          <p id="email-error" role="alert" className="mt-1 text-sm text-red-700">
            {state.error}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : buttonLabel}
      </Button>
    </form>
  );
}
