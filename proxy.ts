// Passes the path and the kind of request to server components under /t/ (they cannot read either
// otherwise): a superadmin's page view is recorded with them in the tenant's log
// (lib/superadmin-access.ts). The headers are always overwritten here, so a client cannot choose what
// gets recorded. Under /t/ and /api/auth/ (the dynamic routes), a path whose escapes do not decode is
// answered 404 here: Next.js would fail to decode it into the route's params and answer 500.
import { NextResponse, type NextRequest } from "next/server";
import { isUndecodablePath } from "./lib/undecodable-path";
import { REQUEST_KIND_HEADER, VIEWED_PATH_HEADER, requestKind } from "./lib/viewed-path";

export function proxy(request: NextRequest) {
  if (isUndecodablePath(request.nextUrl.pathname)) return new NextResponse("Not found", { status: 404 });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(VIEWED_PATH_HEADER, request.nextUrl.pathname);
  requestHeaders.set(REQUEST_KIND_HEADER, requestKind(request.method, request.headers));
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = { matcher: ["/t/:path*", "/api/auth/:path*"] };
