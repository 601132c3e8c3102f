// POST /api/sso/<slug>/acs: the tenant's assertion consumer service (HTTP-POST binding), for SP- and
// IdP-initiated sign-ins. The identity provider's page posts here from its own origin, so there is no
// same-origin check: what is trusted is the signed assertion (lib/sso/saml-sign-in.ts). On success
// the session cookie is set as for a password sign-in and the browser lands in the tenant.
import { publicOrigin } from "@/lib/app-url";
import { clientIp } from "@/lib/client-ip";
import { currentSessionToken, setSessionCookie } from "@/lib/session-cookie";
import { landingAfterSaml } from "@/lib/sso/saml-landing";
import { signInWithSaml } from "@/lib/sso/saml-sign-in";

export const dynamic = "force-dynamic";

/** At most this much of a form is read: a SAML response is a few kilobytes. */
const MAX_BODY_BYTES = 512 * 1024;

async function samlForm(request: Request): Promise<{ SAMLResponse: string; RelayState?: string } | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return null;
  try {
    const form = await request.formData();
    const response = form.get("SAMLResponse");
    const relayState = form.get("RelayState");
    if (typeof response !== "string" || response === "" || response.length > MAX_BODY_BYTES) return null;
    return { SAMLResponse: response, ...(typeof relayState === "string" ? { RelayState: relayState } : {}) };
  } catch {
    return null;
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const form = await samlForm(request);
  if (!form) return new Response("Send a SAMLResponse as a form.", { status: 400 });
  const result = await signInWithSaml({ slug, form, origin: publicOrigin(), ip: await clientIp(), replacesSessionToken: await currentSessionToken() });
  if (!result.ok) {
    // One answer for every refusal: the reason is in the tenant's log for its Admins, not for the poster.
    return new Response(null, { status: 303, headers: { Location: `/login/${encodeURIComponent(slug)}?sso=refused` } });
  }
  await setSessionCookie(result.sessionToken, result.expires);
  return new Response(null, { status: 303, headers: { Location: landingAfterSaml(slug, result.relayState) } });
}
