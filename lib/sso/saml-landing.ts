// Where a SAML sign-in lands: the RelayState when it is a safe path inside the tenant (what the
// SP-initiated sign-in was asked to return to), else the tenant's overview. An IdP-initiated
// RelayState is the IdP's to choose, so it never leads outside the tenant.
import { safeReturnPath } from "../safe-redirect";

export function landingAfterSaml(slug: string, relayState: string | null): string {
  const home = `/t/${slug}`;
  const path = safeReturnPath(relayState);
  return path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}?`) ? path : home;
}
