// SP-initiated OpenID Connect sign-in: the provider's authorization URL for the authorization code flow
// with PKCE (S256), a fresh state and nonce. The state, nonce and code verifier are remembered in the
// tenant's oidc_sign_in_requests for the callback; the state also goes into a cookie of this browser
// (app/api/sso/[slug]/login), so a callback only finishes in the browser that started it.
import "server-only";
import * as oidc from "openid-client";
import { findOidcConfig, insertOidcSignInRequest } from "@/db/queries/oidc";
import { findTenantBySlug } from "@/db/queries/tenants";
import { withSystem, withTenant } from "@/db/scopes";
import { SLUG_PATTERN } from "../tenant-slug";
import { discoverProvider, oidcRedirectUri } from "./oidc-client";
import { decryptOidcClientSecret } from "./oidc-secret";

/** How long a started sign-in may take at the provider. */
export const OIDC_SIGN_IN_TTL_SECONDS = 10 * 60;

/** The cookie holding the state of this browser's sign-in (scoped to the tenant's callback path). */
export const OIDC_STATE_COOKIE = "tenantry-oidc-state";
export const oidcCookiePath = (slug: string) => `/api/sso/${slug}/oidc`;

export interface OidcStartOptions {
  /**
   * A third-party initiated login (app/api/sso/[slug]/oidc/initiate): the `iss` it named, which must be
   * the tenant's configured issuer exactly (else no sign-in starts).
   */
  initiatedBy?: string;
  /** The provider's hint of who is signing in, passed back to it as login_hint. */
  loginHint?: string;
}

/**
 * The provider address to send the browser to and the state for its cookie, or null when the slug names
 * no tenant with OIDC set up (or, initiated by a provider, not with that issuer). Throws when the
 * provider cannot be reached (discovery failed).
 */
export async function startOidcSignIn(slug: string, returnTo: string, origin: string, options: OidcStartOptions = {}): Promise<{ location: string; state: string } | null> {
  const tenant = SLUG_PATTERN.test(slug) ? await withSystem((tx) => findTenantBySlug(tx, slug)) : null;
  if (!tenant) return null;
  const config = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => findOidcConfig(tx));
  if (!config) return null;
  if (options.initiatedBy !== undefined && options.initiatedBy !== config.issuer) return null;
  // Outside a transaction: the provider's answer may take seconds.
  const provider = await discoverProvider(config.issuer, config.clientId, decryptOidcClientSecret(config));
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
    insertOidcSignInRequest(tx, { state, nonce, codeVerifier, returnTo, expiresAt: new Date(Date.now() + OIDC_SIGN_IN_TTL_SECONDS * 1000) }),
  );
  const location = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: oidcRedirectUri(origin, slug),
    scope: "openid email",
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  });
  return { location: location.href, state };
}
