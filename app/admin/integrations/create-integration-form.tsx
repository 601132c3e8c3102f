"use client";

import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { INTEGRATION_ALGORITHMS } from "@/db/schema/integration-algorithms";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { LICENSE_KEYS, LICENSES } from "@/lib/licenses";
import { ROLE_LABELS } from "@/lib/permissions";
import { createIntegration } from "./actions";
import { SelectField } from "@/components/ui/select-field";

// The input's limits (lib/integrations/integration-input.ts holds them with zod, kept out of the browser).
const INTEGRATION_NAME_MAX = 80;
const PUBLIC_KEY_MAX = 8000;

const ALGORITHM_LABELS = { HS256: "HS256 (shared secret)", RS256: "RS256 (public key)", ES256: "ES256 (public key)" } as const;

// An HS256 secret is shown here once, after the create (it lives only in this component's state).
export function CreateIntegrationForm() {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction(createIntegration);
  const keyId = useId();
  const keyArea = useRef<HTMLTextAreaElement>(null);
  const keyErrors = fieldErrors.publicKey;
  // An uploaded PEM file fills the text area, so what is sent is what the superadmin sees.
  const readUpload = async (file: File | undefined) => {
    if (file && keyArea.current) keyArea.current.value = await file.text();
  };
  return (
    <FormCard title="New integration">
      <form key={version} action={formAction} noValidate className="mt-4 grid gap-4 md:max-w-xl">
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={INTEGRATION_NAME_MAX} autoComplete="off" />
        <SelectField
          label="Algorithm"
          name="algorithm"
          defaultValue={String(values.algorithm ?? "HS256")}
          options={INTEGRATION_ALGORITHMS.map((value) => ({ value, label: ALGORITHM_LABELS[value] }))}
          errors={fieldErrors.algorithm}
        />
        <div>
          <label htmlFor={keyId} className="block text-sm font-medium">
            Public key
          </label>
          <p id={`${keyId}-hint`} className="text-xs text-slate-600">
            For RS256 and ES256: the PEM public key (-----BEGIN PUBLIC KEY-----), pasted or uploaded. HS256 needs none: a secret is generated.
          </p>
          <textarea
            ref={keyArea}
            id={keyId}
            name="publicKey"
            rows={5}
            maxLength={PUBLIC_KEY_MAX}
            defaultValue={String(values.publicKey ?? "")}
            aria-invalid={keyErrors?.length ? true : undefined}
            aria-describedby={keyErrors?.length ? `${keyId}-hint ${keyId}-error` : `${keyId}-hint`}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
          />
          {keyErrors?.length ? (
            <p id={`${keyId}-error`} role="alert" className="mt-1 text-sm text-red-700">
              {keyErrors.join(" ")}
            </p>
          ) : null}
          <label className="mt-2 block text-sm">
            Upload public key
            <input type="file" accept=".pem,.pub,.key,text/plain" className="ml-2 text-sm" onChange={(event) => readUpload(event.target.files?.[0])} />
          </label>
        </div>
        <SelectField
          label="Default license"
          name="defaultLicense"
          defaultValue={String(values.defaultLicense ?? "free")}
          options={LICENSE_KEYS.map((value) => ({ value, label: LICENSES[value].label }))}
          errors={fieldErrors.defaultLicense}
        />
        <SelectField
          label="Default role"
          name="defaultRole"
          defaultValue={String(values.defaultRole ?? "editor")}
          options={MEMBER_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))}
          errors={fieldErrors.defaultRole}
        />
        {result && !result.ok ? <FormMessage result={result} /> : null}
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create integration"}
          </Button>
        </div>
      </form>
      {result?.ok && (
        <div role="status" className="mt-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          <p>{`Created the integration ${result.data.name}. Its id (the tokens' kid): ${result.data.id}.`}</p>
          {result.data.secret && (
            <>
              <p className="mt-1">Copy the HS256 secret now: it will not be shown again.</p>
              <p className="mt-2 flex flex-wrap items-center gap-2">
                <code data-testid="new-integration-secret" className="break-all rounded bg-white px-2 py-1 font-mono text-xs">
                  {result.data.secret}
                </code>
                <CopyButton value={result.data.secret} label="Copy" />
              </p>
            </>
          )}
        </div>
      )}
    </FormCard>
  );
}
