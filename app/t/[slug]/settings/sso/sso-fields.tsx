// The fields both single sign-on forms share (SAML: ./sso-settings-form.tsx, OpenID Connect:
// ./oidc-settings-form.tsx): a labelled field with its error under it, and "Require single sign-on"
// with the break-glass Admin.

/** A labelled field with its hint and, after a refused save, its error right under it. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string[]; children: (describedBy: string) => React.ReactNode }) {
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

export const INPUT = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm read-only:bg-slate-100 aria-invalid:border-red-600";

/** "Require single sign-on" and the break-glass Admin's address, with their errors. */
export function SsoRequirementFields({
  id,
  canManage,
  requireChecked,
  breakGlassEmail,
  errors,
}: {
  id: string;
  canManage: boolean;
  requireChecked: boolean;
  breakGlassEmail: string;
  errors: Record<string, string[] | undefined>;
}) {
  return (
    <>
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
            defaultValue={breakGlassEmail}
            aria-invalid={errors.breakGlassEmail?.length ? true : undefined}
            aria-describedby={describedBy || undefined}
            className={INPUT}
          />
        )}
      </Field>
    </>
  );
}

/** The tenant's custom groups the default group select offers (the first GROUP_CHOICE_LIMIT by name). */
export interface SsoGroupChoices {
  groups: readonly { id: string; name: string }[];
  moreNote: string | null;
}

/**
 * "Default group for new single sign-on users": the built-in groups, then the tenant's custom groups
 * (value `group:<id>`). Admin is listed, as a group the reader knows, and refused with the reason next
 * to the field (app/t/[slug]/settings/sso/sso-default-group.ts); the hint says so before anyone tries.
 */
export function SsoDefaultGroupField({
  id,
  canManage,
  value,
  choices,
  error,
}: {
  id: string;
  canManage: boolean;
  value: string;
  choices: SsoGroupChoices;
  error?: string[];
}) {
  const hint = `The group a new user of an approved domain joins on their first sign-in. Admin cannot be the default, nor a custom group with Admin permissions: everyone the identity provider vouches for would manage this tenant.${choices.moreNote ? ` ${choices.moreNote}` : ""}`;
  return (
    <Field id={`${id}-default-group`} label="Default group for new single sign-on users" hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={`${id}-default-group`}
          name="defaultGroup"
          disabled={!canManage}
          defaultValue={value}
          aria-invalid={error?.length ? true : undefined}
          aria-describedby={describedBy || undefined}
          className={INPUT}
        >
          <option value="viewer">Viewer</option>
          <option value="editor">Editor</option>
          <option value="admin">Admin</option>
          {choices.groups.length > 0 && (
            <optgroup label="Custom groups">
              {choices.groups.map((group) => (
                <option key={group.id} value={`group:${group.id}`}>
                  {group.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      )}
    </Field>
  );
}
