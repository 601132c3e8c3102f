// Starting an OpenID Connect sign-in in this browser (SP-initiated from /api/sso/<slug>/login, and
// third-party initiated from /api/sso/<slug>/oidc/initiate): the provider's authorization URL, with the
// sign-in's state in a cookie of this browser scoped to the tenant's callback path.
import "server-only";
import { cookies } from "next/headers";
import { publicOrigin } from "../app-url";
import { usesSecureCookies } from "../session-cookie";
import { OIDC_SIGN_IN_TTL_SECONDS, OIDC_STATE_COOKIE, oidcCookiePath, startOidcSignIn, type OidcStartOptions } from "./oidc-start";

/** Where the browser goes: the provider, the sign-in page saying "unavailable", or null (no OIDC set up). */
export async function startOidcInBrowser(request: Request, slug: string, returnTo: string, options: OidcStartOptions = {}): Promise<string | null> {
  let started;
  try {
    started = await startOidcSignIn(slug, returnTo, publicOrigin(), options);
  } catch (error) {
    // The provider could not be reached: the Admin's to fix; the browser learns only "unavailable".
    console.error(`OpenID Connect discovery failed for ${slug}:`, error instanceof Error ? error.message : error);
    return `/login/${encodeURIComponent(slug)}?sso=unavailable`;
  }
  if (!started) return null;
  (await cookies()).set(OIDC_STATE_COOKIE, started.state, {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
    sameSite: "lax",
    path: oidcCookiePath(slug),
    secure: usesSecureCookies(request.headers),
    maxAge: OIDC_SIGN_IN_TTL_SECONDS,
  });
  return started.location;
}
