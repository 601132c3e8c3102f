// A session opened by a tenant's identity provider (SAML, OpenID Connect) is that tenant's only
// (issue 16): the tenant's Admin controls its IdP, and an IdP asserting an address speaks for that
// tenant, never for the account's other tenants, the admin console, or the account itself. So such a
// session (sessions.sso_tenant_id):
// - enters its own tenant only: in any other tenant it counts as signed out (pages send it to sign-in,
//   actions answer "signed out", route handlers find no member), whether or not that tenant exists or
//   the account belongs to it, so nothing is revealed; no superadmin visit, no superadmin powers;
// - lists only its tenant in the switcher;
// - is nobody's outside tenants: the console (/admin), the profile (password, two-factor), creating a
//   tenant and accepting invitations need a sign-in of the account's own (magic link or password),
//   which replaces it.
import type { SessionUser } from "../caller";

/** Whether this session may act in the tenant with this id (every session not bound by SSO may try). */
export function sessionEntersTenant(user: Pick<SessionUser, "ssoTenantId">, tenantId: string): boolean {
  return user.ssoTenantId === null || user.ssoTenantId === tenantId;
}

/** Whether the session is bound to one tenant by its single sign-on. */
export function isTenantBoundSession(user: Pick<SessionUser, "ssoTenantId">): boolean {
  return user.ssoTenantId !== null;
}

/** What an action in another tenant answers such a session (for every other slug alike: it reveals nothing). */
export const SSO_BOUND_ELSEWHERE_MESSAGE =
  "You signed in through a single sign-on that opens one tenant only. Sign in with your email or password to continue here.";
