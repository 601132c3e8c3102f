// Runs before /admin requests only (its matcher): the console is hidden from anyone but a superadmin
// (lib/admin-concealment.ts). Such a request is rewritten to a path no route matches, so it answers
// exactly like an unknown path; for a superadmin the verdict goes on to the console's layout in a
// header, so the layout reads no flag of its own. What every request gets (security headers, the
// viewed path and kind, a client's own verdict header removed) is done before Next.js runs, by
// server.ts's listener (lib/request-stamp.ts): Next's proxy machinery costs every request it runs on.
import { NextResponse, type NextRequest } from "next/server";
import { SUPERADMIN_VERDICT_HEADER, UNROUTED_PATH, isAdminPath } from "./lib/admin-concealment";
import { isSuperadminRequest } from "./lib/superadmin-session";

export async function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  const adminPath = isAdminPath(request.nextUrl.pathname);
  const superadmin = adminPath && (await isSuperadminRequest(request.cookies));
  // The verdict for the console's layout (lib/platform-page.ts); a client's own value never gets through.
  if (superadmin) requestHeaders.set(SUPERADMIN_VERDICT_HEADER, "1");
  else requestHeaders.delete(SUPERADMIN_VERDICT_HEADER);
  const forwarded = { request: { headers: requestHeaders } };
  // A path the matcher took that does not route to the console (were the two ever to differ) passes on untouched.
  const concealed = adminPath && !superadmin;
  return concealed ? NextResponse.rewrite(unroutedUrl(request), forwarded) : NextResponse.next(forwarded);
}

/** The request's URL (query included) with the path swapped for one no route matches. */
function unroutedUrl(request: NextRequest): URL {
  const url = request.nextUrl.clone();
  url.pathname = UNROUTED_PATH;
  return url;
}

// Every spelling whose first segment decodes to "admin" (lib/admin-concealment.ts isAdminPath), as
// sent or once decoded: Next.js routes /%61dmin/users to the console too.
export const config = { matcher: ["/admin", "/admin/:path*", "/((?:a|%61)(?:d|%64)(?:m|%6[dD])(?:i|%69)(?:n|%6[eE])(?:/.*)?)"] };
