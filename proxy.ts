// Passes the path and the kind of request to server components under /t/ (they cannot read either
// otherwise): a superadmin's page view is recorded with them in the tenant's log
// (lib/superadmin-access.ts), and a signed-out visitor returns to the whole path and query after
// signing in (lib/requested-path.ts). The headers are always overwritten here, so a client cannot
// choose what gets recorded.
import { NextResponse, type NextRequest } from "next/server";
import { isUndecodablePath } from "./lib/undecodable-path";
import { REQUESTED_PATH_HEADER, requestedPathOf } from "./lib/requested-path";
import { REQUEST_KIND_HEADER, VIEWED_PATH_HEADER, requestKind } from "./lib/viewed-path";

export function proxy(request: NextRequest) {
  if (isUndecodablePath(request.nextUrl.pathname)) return new NextResponse("Not found", { status: 404 });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(VIEWED_PATH_HEADER, request.nextUrl.pathname);
  requestHeaders.set(REQUESTED_PATH_HEADER, requestedPathOf(request.nextUrl));
  requestHeaders.set(REQUEST_KIND_HEADER, requestKind(request.method, request.headers));
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = { matcher: "/t/:path*" };
