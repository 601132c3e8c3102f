"use client";

import { TextField } from "@/components/ui/text-field";

/** The optional Company field of both sign-in forms: the tenant's slug (/login/<slug> fills it). */
export function CompanyField({ defaultValue, errors }: { defaultValue: string; errors?: string[] }) {
  return (
    <TextField
      label="Company"
      name="company"
      autoComplete="organization"
      autoCapitalize="none"
      spellCheck={false}
      maxLength={96}
      description="Your company's short name, e.g. acme"
      defaultValue={defaultValue}
      errors={errors}
    />
  );
}
