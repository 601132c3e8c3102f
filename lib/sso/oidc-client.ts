// The tenant's OpenID provider through openid-client (v6): discovery of its metadata and keys from the
// issuer URL, client authentication with the stored secret (client_secret_basic, the specification's
// default). Plain http is accepted only for a provider on this machine (local development and the
// tests' oidc-provider); any other issuer must be https.
import "server-only";
import * as oidc from "openid-client";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const DISCOVERY_TIMEOUT_SECONDS = 10;

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

/** The provider's configuration from its discovery document; throws when discovery fails. */
export async function discoverProvider(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  const insecure = new URL(issuer).protocol === "http:";
  return oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
    timeout: DISCOVERY_TIMEOUT_SECONDS,
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
}
