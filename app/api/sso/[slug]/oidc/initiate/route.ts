// GET /api/sso/<slug>/oidc/initiate?iss=<issuer>[&login_hint=…][&target_link_uri=…]: IdP-initiated
// OpenID Connect ("third party initiated login", OpenID Connect Core 1.0 §4). The provider (or a portal)
// sends the browser here; nothing is signed in by this request: when `iss` is exactly the tenant's
// configured issuer, an ordinary SP-initiated code flow starts (PKCE, state, nonce, the state cookie),
// with the hint passed on. The return path is the tenant's overview, or `target_link_uri` when it is a
// path on this site. Anything else goes to /login/<slug>?sso=unavailable, like the SP-initiated start.
import { publicOrigin } from "@/lib/app-url";
import { safeReturnPath } from "@/lib/safe-redirect";
import { startOidcInBrowser } from "@/lib/sso/oidc-browser-start";

export const dynamic = "force-dynamic";

const redirect = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

/** target_link_uri as a path on this site, or null (another site, or not a URL). */
function targetPath(target: string | null): string | null {
  if (!target) return null;
  try {
    const url = new URL(target, publicOrigin());
    return url.origin === new URL(publicOrigin()).origin ? safeReturnPath(`${url.pathname}${url.search}`) : null;
  } catch {
    return null;
  }
}

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const query = new URL(request.url).searchParams;
  const issuer = query.get("iss");
  const hint = query.get("login_hint");
  const unavailable = `/login/${encodeURIComponent(slug)}?sso=unavailable`;
  if (!issuer || issuer.length > 2000) return redirect(unavailable);
  const target = targetPath(query.get("target_link_uri"));
  const returnTo = target && target !== "/" ? target : `/t/${slug}`;
  const location = await startOidcInBrowser(request, slug, returnTo, {
    initiatedBy: issuer,
    ...(hint && hint.length <= 254 ? { loginHint: hint } : {}),
  });
  return redirect(location ?? unavailable);
}
