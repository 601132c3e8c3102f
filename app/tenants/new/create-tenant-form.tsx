"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { TENANT_NAME_MAX_LENGTH } from "@/lib/tenant-name-limit";
import { SLUG_MAX_LENGTH, suggestSlug } from "@/lib/tenant-slug";
import type { ActionResult } from "@/lib/action-result";
import { submitCreateTenant } from "./actions";

/**
 * Name and slug. The slug follows the name as it is typed until the user edits the slug themselves.
 * Both fields are controlled, so a refused submit keeps what was typed.
 */
export function CreateTenantForm({ disabled }: { disabled: boolean }) {
  const [state, action, pending] = useActionState<ActionResult<{ slug: string }> | null, FormData>(submitCreateTenant, null);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  return (
    <form action={action} noValidate className="space-y-4">
      <fieldset disabled={disabled || pending} className="space-y-4">
        <TextField
          label="Name"
          name="name"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (!slugEdited) setSlug(suggestSlug(event.target.value));
          }}
          maxLength={TENANT_NAME_MAX_LENGTH * 2}
          autoComplete="organization"
          errors={errors?.name}
        />
        <TextField
          label="Slug"
          name="slug"
          value={slug}
          onChange={(event) => {
            setSlug(event.target.value);
            setSlugEdited(true);
          }}
          maxLength={SLUG_MAX_LENGTH * 2}
          autoCapitalize="none"
          spellCheck={false}
          description={`The tenant's address: /t/${slug || "your-slug"}. Lower-case letters, digits and hyphens.`}
          errors={errors?.slug}
        />
        <FormMessage result={state} />
        <Button type="submit" className="w-full">
          {pending ? "Creating…" : "Create tenant"}
        </Button>
      </fieldset>
    </form>
  );
}
