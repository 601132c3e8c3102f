// A tenant's login policy, checked on every request that enters the tenant (lib/actor.ts): with magic
// links switched off, a session opened by magic link does not enter it; its holder is sent to the
// password sign-in. How the session was opened comes from its row in `sessions`, never the client.
import type { AuthMethod } from "@/db/schema";

export const PASSWORD_REQUIRED_REASON = "tenant-requires-password";

export const PASSWORD_REQUIRED_MESSAGE =
  "This tenant requires password sign-in. Sign in with your password, then try again.";

/** A SAML session is no magic link: the tenant's own identity provider vouched for it (lib/sso). */
export function loginPolicyAllows(tenant: { magicLinkEnabled: boolean }, authMethod: AuthMethod): boolean {
  return tenant.magicLinkEnabled || authMethod !== "magic_link";
}

/** The password sign-in, saying why, and returning to `returnTo` afterwards. */
export function passwordSignInPath(returnTo: string): string {
  const query = new URLSearchParams({ method: "password", reason: PASSWORD_REQUIRED_REASON, callbackUrl: returnTo });
  return `/login?${query}`;
}
