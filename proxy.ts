// Runs before every request but Next's static files and image optimiser:
// - a path whose escapes do not decode is answered 404 (Next.js would fail to decode it into a
//   dynamic route's params and answer 500);
// - security headers (lib/security-headers.ts): a per-request nonce and the Content-Security-Policy
//   built on it, Referrer-Policy, and HSTS over https;
// - the path and the kind of request, for server components under /t/ (they cannot read either
//   otherwise): a superadmin's page view is recorded with them in the tenant's log
//   (lib/superadmin-access.ts), and a signed-out visitor returns to the whole path and query after
//   signing in (lib/requested-path.ts). Those headers are always overwritten here, so a client
//   cannot choose what gets recorded;
// - /admin/… for anyone but a superadmin is rewritten to a path no route matches, so it answers
//   exactly like an unknown path (lib/admin-concealment.ts); for a superadmin the verdict goes on to
//   the console's layout in a header, so the layout reads no flag of its own.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, referrerPolicyFor, STRICT_TRANSPORT_SECURITY } from "./lib/security-headers";
import { isUndecodablePath } from "./lib/undecodable-path";
import { SUPERADMIN_VERDICT_HEADER, UNROUTED_PATH, isAdminPath } from "./lib/admin-concealment";
import { isSuperadminRequest } from "./lib/superadmin-session";
import { REQUESTED_PATH_HEADER, requestedPathOf } from "./lib/requested-path";
import { REQUEST_KIND_HEADER, VIEWED_PATH_HEADER, requestKind } from "./lib/viewed-path";

export async function proxy(request: NextRequest) {
  if (isUndecodablePath(request.nextUrl.pathname)) return new NextResponse("Not found", { status: 404 });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(VIEWED_PATH_HEADER, request.nextUrl.pathname);
  requestHeaders.set(REQUESTED_PATH_HEADER, requestedPathOf(request.nextUrl));
  requestHeaders.set(REQUEST_KIND_HEADER, requestKind(request.method, request.headers));

  // A TLS-terminating proxy in front says so in X-Forwarded-Proto; a forged value only adds headers
  // that browsers ignore over plain http.
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development", https });
  // Next.js takes the nonce for its own scripts from the request's CSP header.
  requestHeaders.set("content-security-policy", csp);

  const adminPath = isAdminPath(request.nextUrl.pathname);
  const superadmin = adminPath && (await isSuperadminRequest(request.cookies));
  // The verdict for the console's layout (lib/platform-page.ts); a client's own value never gets through.
  if (superadmin) requestHeaders.set(SUPERADMIN_VERDICT_HEADER, "1");
  else requestHeaders.delete(SUPERADMIN_VERDICT_HEADER);
  const concealed = adminPath && !superadmin;
  const forwarded = { request: { headers: requestHeaders } };
  const response = concealed ? NextResponse.rewrite(unroutedUrl(request), forwarded) : NextResponse.next(forwarded);
  response.headers.set("content-security-policy", csp);
  response.headers.set("referrer-policy", referrerPolicyFor(request.nextUrl.pathname));
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

/** The request's URL (query included) with the path swapped for one no route matches. */
function unroutedUrl(request: NextRequest): URL {
  const url = request.nextUrl.clone();
  url.pathname = UNROUTED_PATH;
  return url;
}

export const config = { matcher: "/((?!_next/static|_next/image).*)" };
