// GET /api/sso/<slug>/oidc/callback?code=…&state=…: where the tenant's OpenID provider sends the browser
// back (a top-level navigation from the provider's origin). What is trusted is the state this tenant
// started in this browser and the ID token openid-client validated (lib/sso/oidc-sign-in.ts). On success
// the session cookie is set as for a password sign-in and the browser lands in the tenant.
import { cookies } from "next/headers";
import { publicOrigin } from "@/lib/app-url";
import { clientIp } from "@/lib/client-ip";
import { currentSessionToken, setSessionCookie } from "@/lib/session-cookie";
import { OIDC_STATE_COOKIE, oidcCookiePath } from "@/lib/sso/oidc-start";
import { signInWithOidc } from "@/lib/sso/oidc-sign-in";
import { landingAfterSaml } from "@/lib/sso/saml-landing";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const jar = await cookies();
  const result = await signInWithOidc({
    slug,
    callbackUrl: new URL(request.url),
    cookieState: jar.get(OIDC_STATE_COOKIE)?.value ?? null,
    origin: publicOrigin(),
    ip: await clientIp(),
    replacesSessionToken: await currentSessionToken(),
  });
  // The state is spent either way.
  jar.delete({ name: OIDC_STATE_COOKIE, path: oidcCookiePath(slug) });
  if (!result.ok) {
    // One answer for every refusal: the reason is in the tenant's log for its Admins.
    return new Response(null, { status: 303, headers: { Location: `/login/${encodeURIComponent(slug)}?sso=refused` } });
  }
  await setSessionCookie(result.sessionToken, result.expires);
  return new Response(null, { status: 303, headers: { Location: landingAfterSaml(slug, result.returnTo) } });
}
