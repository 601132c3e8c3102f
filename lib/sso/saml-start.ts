// SP-initiated SAML sign-in: the address of the tenant's identity provider with a fresh AuthnRequest
// (HTTP-Redirect binding), its id remembered in the tenant's saml_message_ids for InResponseTo.
import "server-only";
import { findSamlConfig } from "@/db/queries/saml";
import { findTenantBySlug } from "@/db/queries/tenants";
import { withSystem, withTenant } from "@/db/scopes";
import { SLUG_PATTERN } from "../tenant-slug";
import { requestIdCache, serviceProvider } from "./saml-service-provider";

/** The IdP address to send the browser to, or null when the slug names no tenant with SAML set up. */
export async function startSamlSignIn(slug: string, returnTo: string, origin: string): Promise<string | null> {
  const tenant = SLUG_PATTERN.test(slug) ? await withSystem((tx) => findTenantBySlug(tx, slug)) : null;
  if (!tenant) return null;
  return withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
    const config = await findSamlConfig(tx);
    if (!config) return null;
    return serviceProvider(config, origin, slug, requestIdCache(tx)).getAuthorizeUrlAsync(returnTo, undefined, {});
  });
}
