// GET /api/sso/<slug>/login?callbackUrl=<path>: SP-initiated sign-in. Sends the browser to the
// tenant's identity provider with an AuthnRequest whose id is remembered (saml_message_ids), so the
// response must answer it; the return path travels as RelayState. A tenant without SAML (or no such
// tenant) goes back to /login/<slug>, which says nothing more than for any company.
import { publicOrigin } from "@/lib/app-url";
import { safeReturnPath } from "@/lib/safe-redirect";
import { startSamlSignIn } from "@/lib/sso/saml-start";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get("callbackUrl"));
  const location = await startSamlSignIn(slug, returnTo, publicOrigin());
  return new Response(null, {
    status: 303,
    headers: { Location: location ?? `/login/${encodeURIComponent(slug)}?sso=unavailable` },
  });
}
