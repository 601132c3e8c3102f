// GET /api/sso/<slug>/login?callbackUrl=<path>: SP-initiated sign-in, by whichever protocol the tenant
// set up (a tenant has one: SAML or OpenID Connect, db/schema/oidc.ts). SAML: the browser goes to the
// identity provider with an AuthnRequest whose id is remembered (saml_message_ids), the return path as
// RelayState. OIDC: to the provider's authorization endpoint (code flow, PKCE, state and nonce
// remembered in oidc_sign_in_requests; the state also in a cookie of this browser). A tenant without
// single sign-on (or no such tenant) goes back to /login/<slug>, which says nothing more than for any company.
import { cookies } from "next/headers";
import { publicOrigin } from "@/lib/app-url";
import { safeReturnPath } from "@/lib/safe-redirect";
import { usesSecureCookies } from "@/lib/session-cookie";
import { OIDC_SIGN_IN_TTL_SECONDS, OIDC_STATE_COOKIE, oidcCookiePath, startOidcSignIn } from "@/lib/sso/oidc-start";
import { startSamlSignIn } from "@/lib/sso/saml-start";

export const dynamic = "force-dynamic";

const redirect = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

async function startOidc(request: Request, slug: string, returnTo: string): Promise<string | null> {
  let started;
  try {
    started = await startOidcSignIn(slug, returnTo, publicOrigin());
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

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get("callbackUrl"));
  const location = (await startSamlSignIn(slug, returnTo, publicOrigin())) ?? (await startOidc(request, slug, returnTo));
  return redirect(location ?? `/login/${encodeURIComponent(slug)}?sso=unavailable`);
}
