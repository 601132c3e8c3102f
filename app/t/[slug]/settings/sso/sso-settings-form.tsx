"use client";

import { useId, useRef } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { formOutcome, shownValue, useFormAction } from "@/components/ui/use-form-action";
import type { TenantAction } from "@/lib/actions/tenant-action";
import { Field, INPUT, SsoDefaultGroupField, SsoRequirementFields, type SsoGroupChoices } from "./sso-fields";

export interface SamlSettingsView {
  idpMetadataXml: string;
  idpEntityId: string;
  emailAttribute: string;
  requireSso: boolean;
  breakGlassEmail: string;
  /** The default group as the select's value: viewer, editor or group:<id>. */
  defaultGroup: string;
}

/**
 * Single sign-on (SAML 2.0): this tenant's SP addresses and metadata download for the IdP's admin,
 * then the IdP's metadata (pasted, or read from a file into the same field), the email attribute,
 * and "Require single sign-on" with the break-glass Admin.
 */
export function SsoSettingsForm({
  slug,
  saved,
  groupChoices,
  spEntityId,
  acsUrl,
  canManage,
  saveSamlSettings,
  removeSamlSettings,
}: {
  slug: string;
  saved: SamlSettingsView | null;
  groupChoices: SsoGroupChoices;
  spEntityId: string;
  acsUrl: string;
  canManage: boolean;
  saveSamlSettings: TenantAction<null>;
  removeSamlSettings: TenantAction<null>;
}) {
  const id = useId();
  const router = useRouter();
  const metadataRef = useRef<HTMLTextAreaElement>(null);
  const { result, values, version, fieldErrors: errors, formAction, pending } = useFormAction((previous: unknown, form: FormData) =>
    saveSamlSettings(slug, previous, form),
  );
  const refused = Object.keys(values).length > 0;
  const requireChecked = refused ? values.requireSso === "true" : (saved?.requireSso ?? false);

  return (
    <div className="max-w-2xl space-y-6">
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="font-medium">Service provider entity ID</dt>
          <dd><code className="break-all rounded bg-slate-100 px-1" data-testid="sp-entity-id">{spEntityId}</code></dd>
        </div>
        <div>
          <dt className="font-medium">Assertion consumer service (HTTP-POST)</dt>
          <dd><code className="break-all rounded bg-slate-100 px-1" data-testid="sp-acs-url">{acsUrl}</code></dd>
        </div>
      </dl>
      <a href={`/api/sso/${slug}/metadata`} download className="inline-block text-sm text-blue-700 underline">
        Download SP metadata
      </a>
      {saved && (
        <p className="text-sm text-slate-600" data-testid="sso-status">
          Signing in through <strong>{saved.idpEntityId}</strong>
          {saved.requireSso ? ", required for everyone but the break-glass Admin." : ", alongside the other sign-in methods."}
        </p>
      )}

      <form key={version} action={formAction} noValidate className="space-y-4">
        <Field id={`${id}-metadata`} label="Identity provider metadata (XML)" hint="Paste the metadata document your identity provider publishes, or read it from a file." error={errors.idpMetadata}>
          {(describedBy) => (
            <textarea
              ref={metadataRef}
              id={`${id}-metadata`}
              name="idpMetadata"
              rows={8}
              spellCheck={false}
              readOnly={!canManage}
              defaultValue={shownValue(values, "idpMetadata", saved?.idpMetadataXml ?? "")}
              aria-invalid={errors.idpMetadata?.length ? true : undefined}
              aria-describedby={describedBy || undefined}
              className={`${INPUT} font-mono`}
            />
          )}
        </Field>
        {canManage && (
          <div>
            <label htmlFor={`${id}-file`} className="block text-sm font-medium">
              Upload metadata file
            </label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
              className="mt-1 block text-sm"
              // Read into the field above: what is saved is always what the field shows.
              onChange={async (event) => {
                const file = event.currentTarget.files?.[0];
                if (file && metadataRef.current) metadataRef.current.value = await file.text();
              }}
            />
          </div>
        )}
        <Field id={`${id}-attribute`} label="Email attribute" hint="The assertion attribute that holds the user's email address (NameID for the subject)." error={errors.emailAttribute}>
          {(describedBy) => (
            <input
              id={`${id}-attribute`}
              name="emailAttribute"
              readOnly={!canManage}
              defaultValue={shownValue(values, "emailAttribute", saved?.emailAttribute ?? "email")}
              aria-invalid={errors.emailAttribute?.length ? true : undefined}
              aria-describedby={describedBy || undefined}
              className={INPUT}
            />
          )}
        </Field>
        <p className="text-sm text-slate-600">Assertions must be signed by the identity provider; unsigned ones are refused.</p>
        <SsoDefaultGroupField
          id={id}
          canManage={canManage}
          value={shownValue(values, "defaultGroup", saved?.defaultGroup ?? "viewer")}
          choices={groupChoices}
          error={errors.defaultGroup}
        />
        <SsoRequirementFields
          id={id}
          canManage={canManage}
          requireChecked={requireChecked}
          breakGlassEmail={shownValue(values, "breakGlassEmail", saved?.breakGlassEmail ?? "")}
          errors={errors}
        />
        {canManage && (
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save single sign-on"}
          </Button>
        )}
      </form>
      {canManage && <FormMessage result={formOutcome(result)} />}
      {canManage && saved && (
        <ConfirmDialog
          triggerLabel="Remove single sign-on"
          title="Remove single sign-on?"
          confirmLabel="Remove single sign-on"
          onConfirm={async () => {
            const removed = await removeSamlSettings(slug, null, {});
            if (removed.ok) router.refresh();
            return removed;
          }}
        >
          <p>Members will sign in with email links or passwords again, and the identity provider can no longer sign anyone in.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
