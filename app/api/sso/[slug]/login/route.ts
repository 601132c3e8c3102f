// GET /api/sso/<slug>/login?callbackUrl=<path>: SP-initiated sign-in, by whichever protocol the tenant
// set up (a tenant has one: SAML or OpenID Connect, db/schema/oidc.ts). SAML: the browser goes to the
// identity provider with an AuthnRequest whose id is remembered (saml_message_ids), the return path as
// RelayState. OIDC: to the provider's authorization endpoint (code flow, PKCE, state and nonce
// remembered in oidc_sign_in_requests; the state also in a cookie of this browser). A tenant without
// single sign-on (or no such tenant) goes back to /login/<slug>, which says nothing more than for any company.
import { publicOrigin } from "@/lib/app-url";
import { safeReturnPath } from "@/lib/safe-redirect";
import { startOidcInBrowser } from "@/lib/sso/oidc-browser-start";
import { startSamlSignIn } from "@/lib/sso/saml-start";

export const dynamic = "force-dynamic";

const redirect = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get("callbackUrl"));
  const location = (await startSamlSignIn(slug, returnTo, publicOrigin())) ?? (await startOidcInBrowser(request, slug, returnTo));
  return redirect(location ?? `/login/${encodeURIComponent(slug)}?sso=unavailable`);
}
