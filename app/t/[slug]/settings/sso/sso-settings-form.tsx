"use client";

import { useId, useRef } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { formOutcome, shownValue, useFormAction } from "@/components/ui/use-form-action";
import type { TenantAction } from "@/lib/actions/tenant-action";

export interface SamlSettingsView {
  idpMetadataXml: string;
  idpEntityId: string;
  emailAttribute: string;
  requireSso: boolean;
  breakGlassEmail: string;
}

/** A labelled field with its hint and, after a refused save, its error right under it. */
function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string[]; children: (describedBy: string) => React.ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : "", error?.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children(describedBy)}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error?.length ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm read-only:bg-slate-100 aria-invalid:border-red-600";

/**
 * Single sign-on (SAML 2.0): this tenant's SP addresses and metadata download for the IdP's admin,
 * then the IdP's metadata (pasted, or read from a file into the same field), the email attribute,
 * and "Require single sign-on" with the break-glass Admin.
 */
export function SsoSettingsForm({
  slug,
  saved,
  spEntityId,
  acsUrl,
  canManage,
  saveSamlSettings,
  removeSamlSettings,
}: {
  slug: string;
  saved: SamlSettingsView | null;
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
        <div>
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" name="requireSso" value="true" defaultChecked={requireChecked} disabled={!canManage} aria-describedby={errors.requireSso?.length ? `${id}-require-error` : undefined} />
            Require single sign-on
          </label>
          <p className="mt-1 text-xs text-slate-500">Members can then enter only through the identity provider, except the break-glass Admin.</p>
          {errors.requireSso?.length ? (
            <p id={`${id}-require-error`} role="alert" className="mt-1 text-sm text-red-700">
              {errors.requireSso.join(" ")}
            </p>
          ) : null}
        </div>
        <Field id={`${id}-break-glass`} label="Break-glass Admin email" hint="One Admin who may still sign in with a password or email link, for when the identity provider fails." error={errors.breakGlassEmail}>
          {(describedBy) => (
            <input
              id={`${id}-break-glass`}
              name="breakGlassEmail"
              type="email"
              readOnly={!canManage}
              defaultValue={shownValue(values, "breakGlassEmail", saved?.breakGlassEmail ?? "")}
              aria-invalid={errors.breakGlassEmail?.length ? true : undefined}
              aria-describedby={describedBy || undefined}
              className={INPUT}
            />
          )}
        </Field>
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
