// This console as a SAML 2.0 service provider for one tenant, built on @node-saml/node-saml. Each
// tenant is its own SP: its entity id is its SP metadata's address and its assertion consumer service
// is /api/sso/<slug>/acs, so an assertion made for one tenant has the wrong audience and recipient
// at another's.
import { generateServiceProviderMetadata, SAML, ValidateInResponseTo, type CacheProvider, type CacheItem } from "@node-saml/node-saml";
import { findSamlMessageIdExpiry, forgetSamlMessageId, rememberSamlMessageId, type SamlConfig } from "@/db/queries/saml";
import type { TenantTx } from "@/db/scopes";

/** How long an AuthnRequest may wait for its answer (node-saml's own default is 8 hours). */
export const REQUEST_ID_LIFETIME_MS = 10 * 60 * 1000;
/** Clock difference tolerated between the IdP and this server. */
export const CLOCK_SKEW_MS = 60 * 1000;

export function spEntityId(origin: string, slug: string): string {
  return `${origin}/api/sso/${slug}/metadata`;
}

export function acsUrl(origin: string, slug: string): string {
  return `${origin}/api/sso/${slug}/acs`;
}

/**
 * node-saml's request-id cache, kept in the tenant's saml_message_ids table instead of process
 * memory: any app server can take the response, and a request id answers once.
 */
export function requestIdCache(tx: TenantTx): CacheProvider {
  return {
    async saveAsync(key: string, value: string): Promise<CacheItem | null> {
      const saved = await rememberSamlMessageId(tx, "request", key, new Date(Date.now() + REQUEST_ID_LIFETIME_MS));
      return saved ? { value, createdAt: Date.now() } : null;
    },
    // node-saml reads the value as the request's creation instant, to apply its own expiry.
    async getAsync(key: string): Promise<string | null> {
      const expiresAt = await findSamlMessageIdExpiry(tx, "request", key);
      return expiresAt ? new Date(expiresAt.getTime() - REQUEST_ID_LIFETIME_MS).toISOString() : null;
    },
    async removeAsync(key: string | null): Promise<string | null> {
      if (key === null) return null;
      return (await forgetSamlMessageId(tx, "request", key)) ? key : null;
    },
  };
}

/**
 * The tenant's SP. Signed assertions are always required (wantAssertionsSigned), whether or not the
 * whole response is signed; the audience must be this tenant's entity id; the issuer the configured
 * IdP; a response that names a request (InResponseTo) must name one we sent and have not seen answered.
 */
export function serviceProvider(config: Pick<SamlConfig, "idpEntityId" | "idpSsoUrl" | "idpCerts">, origin: string, slug: string, cache: CacheProvider): SAML {
  const issuer = spEntityId(origin, slug);
  return new SAML({
    issuer,
    audience: issuer,
    callbackUrl: acsUrl(origin, slug),
    entryPoint: config.idpSsoUrl,
    idpIssuer: config.idpEntityId,
    idpCert: config.idpCerts,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.ifPresent,
    requestIdExpirationPeriodMs: REQUEST_ID_LIFETIME_MS,
    cacheProvider: cache,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
  });
}

/** This tenant's SP metadata, for the Admin to give their IdP (no SP keys: requests are unsigned). */
export function serviceProviderMetadata(origin: string, slug: string): string {
  return generateServiceProviderMetadata({
    issuer: spEntityId(origin, slug),
    callbackUrl: acsUrl(origin, slug),
    wantAssertionsSigned: true,
    identifierFormat: null,
  });
}
