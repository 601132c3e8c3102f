// The tenant's OpenID provider through openid-client (v6): discovery of its metadata and keys from the
// issuer URL, client authentication with the stored secret (client_secret_basic, the specification's
// default). Plain http is accepted only for a provider on this machine (local development and the
// tests' oidc-provider); any other issuer must be https. Every call to the provider goes through the
// outbound-address guard (lib/sso/oidc-fetch.ts), and discovery documents are kept a few minutes per
// issuer (lib/sso/oidc-discovery-cache.ts). No caller holds a transaction while these wait.
import "server-only";
import * as oidc from "openid-client";
import { cachedDiscovery, rememberDiscovery } from "./oidc-discovery-cache";
import { guardedOidcFetch, refusedAddressOf } from "./oidc-fetch";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const PROVIDER_TIMEOUT_SECONDS = 10;

/** The redirect URI registered with the provider for this tenant. */
export function oidcRedirectUri(origin: string, slug: string): string {
  return `${origin}/api/sso/${slug}/oidc/callback`;
}

/** Why an issuer URL is unusable, or null when it is an http(s) URL a discovery may be tried on. */
export function issuerUrlProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "Enter the issuer's URL, like https://login.example.com.";
  }
  if (url.username || url.password || url.search || url.hash) return "Enter the issuer's URL without credentials, query or fragment.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return "The issuer's URL must start with https://.";
}

/** The guard, the time bound and (for a local http provider) plain http, on a configuration. */
function guarded(config: oidc.Configuration, issuer: string): oidc.Configuration {
  config[oidc.customFetch] = guardedOidcFetch;
  config.timeout = PROVIDER_TIMEOUT_SECONDS;
  if (new URL(issuer).protocol === "http:") oidc.allowInsecureRequests(config);
  return config;
}

/** The provider's discovery document (from the cache, else discovered); throws when discovery fails. */
export async function discoverIssuer(issuer: string): Promise<oidc.ServerMetadata> {
  const cached = cachedDiscovery(issuer);
  if (cached) return cached;
  const insecure = new URL(issuer).protocol === "http:";
  const discovered = await oidc.discovery(new URL(issuer), "discovery", undefined, oidc.None(), {
    [oidc.customFetch]: guardedOidcFetch,
    timeout: PROVIDER_TIMEOUT_SECONDS,
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  const metadata = { ...discovered.serverMetadata() };
  rememberDiscovery(issuer, metadata);
  return metadata;
}

/** The provider's configuration for this client; throws when discovery fails. */
export async function discoverProvider(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  const metadata = await discoverIssuer(issuer);
  return guarded(new oidc.Configuration(metadata, clientId, undefined, oidc.ClientSecretBasic(clientSecret)), issuer);
}

/**
 * Why the issuer cannot be used, in words for the field: its address is refused (private, loopback,
 * link-local), or no provider answered; null when discovery succeeded.
 */
export async function issuerDiscoveryProblem(issuer: string): Promise<string | null> {
  try {
    await discoverIssuer(issuer);
    return null;
  } catch (error) {
    const refused = refusedAddressOf(error);
    if (refused) return `The issuer's address is not allowed: ${refused.message}`;
    // The provider's own answer stays on the server: the Admin needs to know which URL failed.
    const wellKnown = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    return `No OpenID provider answered at ${wellKnown} with this issuer: check the issuer URL.`;
  }
}
