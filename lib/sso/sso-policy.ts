// "Require single sign-on" (issue 16, item 1), checked on every request into the tenant like the
// login policy (lib/login-policy.ts): a session not opened by SAML does not enter a tenant that
// requires single sign-on, except the one break-glass Admin's, who may still use the other methods
// when the identity provider is down or misconfigured.
import type { AuthMethod } from "@/db/schema";

export interface SsoRequirement {
  requireSso: boolean;
  breakGlassUserId: string | null;
}

export const SSO_REQUIRED_MESSAGE = "This tenant requires single sign-on. Sign in through your identity provider, then try again.";

export function ssoPolicyAllows(requirement: SsoRequirement | null | undefined, user: { id: string; authMethod: AuthMethod }): boolean {
  if (!requirement?.requireSso) return true;
  return user.authMethod === "saml" || user.id === requirement.breakGlassUserId;
}

/** The SP-initiated sign-in of the tenant, returning to `returnTo`. */
export function ssoSignInPath(slug: string, returnTo: string): string {
  return `/api/sso/${slug}/login?${new URLSearchParams({ callbackUrl: returnTo })}`;
}
