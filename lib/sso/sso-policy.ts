// "Require single sign-on" (issue 16, item 1), checked on every request into the tenant like the
// login policy (lib/login-policy.ts): a session not opened by SAML or OIDC does not enter a tenant that
// requires single sign-on, except the one break-glass Admin's, who may still use the other methods
// when the identity provider is down or misconfigured.
import type { AuthMethod } from "@/db/schema";

export interface SsoRequirement {
  requireSso: boolean;
  breakGlassUserId: string | null;
}

export const SSO_REQUIRED_MESSAGE = "This tenant requires single sign-on. Sign in through your identity provider, then try again.";

/** Whether a session was opened by the tenant's identity provider (SAML or OpenID Connect). */
export function isSsoSession(authMethod: AuthMethod): boolean {
  return authMethod === "saml" || authMethod === "oidc";
}

/**
 * Whether the tenant's requirement lets this session in: a session opened by THIS tenant's identity
 * provider (one opened by another tenant's does not satisfy it), or the break-glass Admin's.
 */
export function ssoPolicyAllows(
  requirement: SsoRequirement | null | undefined,
  user: { id: string; authMethod: AuthMethod; ssoTenantId: string | null },
  tenantId: string,
): boolean {
  if (!requirement?.requireSso) return true;
  return (isSsoSession(user.authMethod) && user.ssoTenantId === tenantId) || user.id === requirement.breakGlassUserId;
}

/** The SP-initiated sign-in of the tenant, returning to `returnTo`. */
export function ssoSignInPath(slug: string, returnTo: string): string {
  return `/api/sso/${slug}/login?${new URLSearchParams({ callbackUrl: returnTo })}`;
}
