// An OpenID Connect sign-in at a tenant's callback (/api/sso/<slug>/oidc/callback): the state must be
// one this tenant started in this browser (and is used once), the code is exchanged with the PKCE
// verifier, and openid-client validates the ID token (signature by the provider's published keys,
// issuer, audience = our client id, expiry, nonce). The address comes from the configured claim and
// must be verified; the rest, shared with SAML, is lib/sso/sso-sign-in.ts.
import "server-only";
import * as oidc from "openid-client";
import { findOidcConfig, takeOidcSignInRequest } from "@/db/queries/oidc";
import { discoverProvider, oidcRedirectUri } from "./oidc-client";
import { decryptOidcClientSecret } from "./oidc-secret";
import { openSsoSession, signInWithSso, SsoRefusal, type InTenant, type SsoSignInResult } from "./sso-sign-in";

export type OidcSignInResult = SsoSignInResult<{ returnTo: string }>;

export interface OidcCallback {
  slug: string;
  /** The callback URL as the provider sent the browser to it (code, state, iss or error). */
  callbackUrl: URL;
  /** The state in this browser's cookie (null when it has none). */
  cookieState: string | null;
  origin: string;
  ip: string | null;
  replacesSessionToken?: string | null;
}

function emailOfClaims(claims: Record<string, unknown>, claim: string): string | null {
  const value = claims[claim];
  if (typeof value !== "string" || !value.includes("@")) return null;
  // A provider that says the address is unverified has not vouched for it (the standard claim only).
  if (claim === "email" && claims.email_verified === false) return null;
  return value;
}

/** What the log says of a failed exchange or validation: openid-client's message and the claim or code concerned. */
function refusalDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // openid-client wraps oauth4webapi's error, whose cause names the claim ({ claim, expected }) or
  // carries the provider's error response ({ error }).
  const about: string[] = [];
  for (let cause: unknown = error.cause, depth = 0; cause && typeof cause === "object" && depth < 3; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    const { claim, error: code } = cause as { claim?: unknown; error?: unknown };
    if (typeof claim === "string") about.push(`claim ${claim}`);
    if (typeof code === "string") about.push(code);
  }
  return `${error.name}: ${error.message}${about.length ? ` (${about.join(", ")})` : ""}`;
}

async function signIn(inTenant: InTenant, callback: OidcCallback) {
  const state = callback.callbackUrl.searchParams.get("state");
  if (!state) throw new SsoRefusal("invalid_response", "the callback has no state");
  if (state !== callback.cookieState) throw new SsoRefusal("invalid_response", "the state is not this browser's");
  // Taken (and committed) before the provider is asked: a state, and so its code verifier and nonce,
  // answers one callback ever, whatever becomes of this one. Only the tenant that started it finds it.
  const { config, started } = await inTenant(async (tx) => ({ config: await findOidcConfig(tx), started: await takeOidcSignInRequest(tx, state) }));
  if (!config) throw new SsoRefusal("not_configured", "no OpenID Connect configuration");
  if (!started) throw new SsoRefusal("replayed", "no unexpired sign-in with this state was started by this tenant");

  // The redirect_uri the token request names must be the one the authorization request used.
  const currentUrl = new URL(oidcRedirectUri(callback.origin, callback.slug));
  currentUrl.search = callback.callbackUrl.search;
  let claims: oidc.IDToken | undefined;
  let email: string | null = null;
  try {
    const provider = await discoverProvider(config.issuer, config.clientId, decryptOidcClientSecret(config));
    const tokens = await oidc.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    if (!claims) throw new Error("no ID token");
    email = emailOfClaims(claims, config.emailClaim);
    // Providers that keep scope claims out of the ID token (as the specification has it when an access
    // token is issued) answer them at the UserInfo endpoint, for the ID token's subject only.
    if (!email && tokens.access_token) email = emailOfClaims(await oidc.fetchUserInfo(provider, tokens.access_token, claims.sub), config.emailClaim);
  } catch (error) {
    throw new SsoRefusal("invalid_response", refusalDetail(error));
  }
  if (!claims) throw new SsoRefusal("invalid_response", "no ID token");
  if (!email) throw new SsoRefusal("no_email", `no verified address in claim ${config.emailClaim}`);
  const details = { issuer: claims.iss, subject: claims.sub };
  const opened = await inTenant((tx) =>
    openSsoSession(tx, {
      email,
      authMethod: "oidc",
      ip: callback.ip,
      replaces: callback.replacesSessionToken ?? null,
      details,
    }),
  );
  return { ...opened, returnTo: started.returnTo };
}

/** Finishes an OIDC sign-in for the tenant with `slug`; refusals are logged in the tenant (lib/sso/sso-sign-in.ts). */
export function signInWithOidc(callback: OidcCallback): Promise<OidcSignInResult> {
  return signInWithSso(callback.slug, callback.ip, (inTenant) => signIn(inTenant, callback));
}
