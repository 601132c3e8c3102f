"use client";

import { useId } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { formOutcome, shownValue, useFormAction } from "@/components/ui/use-form-action";
import type { TenantAction } from "@/lib/actions/tenant-action";
import { Field, INPUT, SsoDefaultGroupField, SsoRequirementFields, type SsoGroupChoices } from "./sso-fields";

export interface OidcSettingsView {
  issuer: string;
  clientId: string;
  emailClaim: string;
  requireSso: boolean;
  breakGlassEmail: string;
  /** The default group as the select's value: viewer, editor or group:<id>. */
  defaultGroup: string;
}

/**
 * Single sign-on with OpenID Connect: the redirect URI to register with the provider, then the issuer,
 * the client ID and secret (never shown again once saved; blank keeps it), the claim with the address,
 * and "Require single sign-on" with the break-glass Admin.
 */
export function OidcSettingsForm({
  slug,
  saved,
  groupChoices,
  redirectUri,
  saveOidcSettings,
  removeOidcSettings,
}: {
  slug: string;
  saved: OidcSettingsView | null;
  groupChoices: SsoGroupChoices;
  redirectUri: string;
  saveOidcSettings: TenantAction<null>;
  removeOidcSettings: TenantAction<null>;
}) {
  const id = useId();
  const router = useRouter();
  const { result, values, version, fieldErrors: errors, formAction, pending } = useFormAction((previous: unknown, form: FormData) =>
    saveOidcSettings(slug, previous, form),
  );
  const refused = Object.keys(values).length > 0;
  const requireChecked = refused ? values.requireSso === "true" : (saved?.requireSso ?? false);
  const input = (name: string, describedBy: string) => ({
    id: `${id}-${name}`,
    name,
    "aria-invalid": errors[name]?.length ? true : undefined,
    "aria-describedby": describedBy || undefined,
    className: INPUT,
  });

  return (
    <div className="max-w-2xl space-y-6">
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="font-medium">Redirect URI</dt>
          <dd><code className="break-all rounded bg-slate-100 px-1" data-testid="oidc-redirect-uri">{redirectUri}</code></dd>
        </div>
      </dl>
      {saved && (
        <p className="text-sm text-slate-600" data-testid="oidc-status">
          Signing in through <strong>{saved.issuer}</strong>
          {saved.requireSso ? ", required for everyone but the break-glass Admin." : ", alongside the other sign-in methods."}
        </p>
      )}
      <form key={version} action={formAction} noValidate className="space-y-4">
        <Field id={`${id}-issuer`} label="Issuer URL" hint="Your provider's issuer, like https://login.example.com: its settings are read from /.well-known/openid-configuration." error={errors.issuer}>
          {(describedBy) => <input type="url" {...input("issuer", describedBy)} defaultValue={shownValue(values, "issuer", saved?.issuer ?? "")} />}
        </Field>
        <Field id={`${id}-clientId`} label="Client ID" error={errors.clientId}>
          {(describedBy) => <input {...input("clientId", describedBy)} defaultValue={shownValue(values, "clientId", saved?.clientId ?? "")} />}
        </Field>
        <Field
          id={`${id}-clientSecret`}
          label="Client secret"
          hint={saved ? "Stored encrypted and never shown again. Leave blank to keep it." : "Stored encrypted and never shown again."}
          error={errors.clientSecret}
        >
          {(describedBy) => <input type="password" autoComplete="off" {...input("clientSecret", describedBy)} defaultValue="" />}
        </Field>
        <Field id={`${id}-emailClaim`} label="Email claim" hint="The ID token (or UserInfo) claim that holds the user's email address." error={errors.emailClaim}>
          {(describedBy) => <input {...input("emailClaim", describedBy)} defaultValue={shownValue(values, "emailClaim", saved?.emailClaim ?? "email")} />}
        </Field>
        <p className="text-sm text-slate-600">Sign-ins use the authorization code flow with PKCE; ID tokens must be signed by the provider for this client.</p>
        <SsoDefaultGroupField
          id={id}
          canManage
          value={shownValue(values, "defaultGroup", saved?.defaultGroup ?? "viewer")}
          choices={groupChoices}
          error={errors.defaultGroup}
        />
        <SsoRequirementFields
          id={`${id}-oidc`}
          canManage
          requireChecked={requireChecked}
          breakGlassEmail={shownValue(values, "breakGlassEmail", saved?.breakGlassEmail ?? "")}
          errors={errors}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save OpenID Connect"}
        </Button>
      </form>
      <FormMessage result={formOutcome(result)} />
      {saved && (
        <ConfirmDialog
          triggerLabel="Remove OpenID Connect"
          title="Remove OpenID Connect?"
          confirmLabel="Remove OpenID Connect"
          onConfirm={async () => {
            const removed = await removeOidcSettings(slug, null, {});
            if (removed.ok) router.refresh();
            return removed;
          }}
        >
          <p>Members will sign in with email links or passwords again, and the OpenID provider can no longer sign anyone in.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
