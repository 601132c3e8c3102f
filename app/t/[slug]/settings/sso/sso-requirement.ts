// "Require single sign-on" and its break-glass Admin, as both single sign-on forms save them (SAML:
// ./actions.ts, OpenID Connect: ./oidc-actions.ts), and the rule that a tenant has one identity provider.
import "server-only";
import { findOidcConfig } from "@/db/queries/oidc";
import { findActiveAdminIdByEmail, findSamlConfig } from "@/db/queries/saml";
import type { TenantTx } from "@/db/scopes";
import type { FieldErrors } from "@/lib/action-result";
import { ActionError } from "@/lib/actions/core";
import type { Actor } from "@/lib/actor";
import { normalizeEmail } from "@/lib/email-address";
import { isSsoSession } from "@/lib/sso/sso-policy";

export const FIX_FIELDS = "Please correct the highlighted fields.";

/** The break-glass Admin named in the form; field errors go into `fieldErrors`. */
export async function readSsoRequirement(
  tx: TenantTx,
  actor: Actor,
  input: { requireSso: boolean; breakGlassEmail: string },
  fieldErrors: Record<string, string[]>,
): Promise<{ breakGlassEmail: string; breakGlassUserId: string | null }> {
  const breakGlassEmail = normalizeEmail(input.breakGlassEmail);
  const breakGlassUserId = breakGlassEmail ? await findActiveAdminIdByEmail(tx, breakGlassEmail) : null;
  if (breakGlassEmail && !breakGlassUserId) fieldErrors.breakGlassEmail = [`${breakGlassEmail} is not an active Admin of ${actor.tenant.name}.`];
  if (input.requireSso && !breakGlassEmail) fieldErrors.breakGlassEmail = ["Name an Admin who may still sign in without single sign-on when you require it."];
  return { breakGlassEmail, breakGlassUserId };
}

/** Requiring SSO from a session it would refuse shuts the Admin out on their next request. */
export function assertKeepsAccess(actor: Actor, requireSso: boolean, breakGlassUserId: string | null): void {
  if (requireSso && !isSsoSession(actor.user.authMethod) && breakGlassUserId !== actor.user.id) {
    throw new ActionError("FORBIDDEN", "Sign in with single sign-on, or name yourself as the break-glass Admin, before requiring it, so you keep access to this tenant.", {
      requireSso: ["Sign in with single sign-on first, or name yourself as the break-glass Admin."],
    } satisfies FieldErrors);
  }
}

/**
 * A tenant signs in through one identity provider ("Sign in with single sign-on" starts one protocol):
 * the other protocol's set-up must be removed first (its own confirmed "Remove"), never replaced silently.
 */
export async function assertNoOtherProtocol(tx: TenantTx, saving: "saml" | "oidc"): Promise<void> {
  const other = saving === "saml" ? await findOidcConfig(tx) : await findSamlConfig(tx);
  if (!other) return;
  const name = saving === "saml" ? "OpenID Connect" : "SAML";
  throw new ActionError("CONFLICT", `This tenant signs in with ${name}. Remove that single sign-on first: a tenant has one identity provider.`);
}
