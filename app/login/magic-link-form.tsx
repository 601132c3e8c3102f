"use client";

import { Button } from "@/components/ui/button";
import { shownValue, useFormAction } from "@/components/ui/use-form-action";
import { requestMagicLink } from "./actions";
import { CompanyField } from "./company-field";

export function MagicLinkForm({
  callbackUrl,
  initialEmail = "",
  buttonLabel = "Email me a sign-in link",
  company,
}: {
  callbackUrl: string;
  /** The Company field's value; the field is left out when undefined (e.g. the link-error page). */
  company?: string;
  /** Prefilled address (the welcome mail's link carries it). */
  initialEmail?: string;
  buttonLabel?: string;
}) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction(requestMagicLink);
  // The address's own message, else why the request was refused (too many links), under the field;
  // a refusal about the company is shown under Company instead.
  const error = fieldErrors.email?.[0] ?? (result && !result.ok && !fieldErrors.company ? result.message : undefined);
  return (
    // noValidate: the server's message, shown under the field, is the one users see and tests read.
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {company !== undefined && (
        <CompanyField key={`company-${version}`} defaultValue={shownValue(values, "company", company)} errors={fieldErrors.company} />
      )}
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
          defaultValue={shownValue(values, "email", initialEmail)}
          key={version}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "email-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-600"
        />
        {error && (
          <p id="email-error" role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : buttonLabel}
      </Button>
    </form>
  );
}
