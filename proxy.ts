// Passes the path being requested to server components under /t/ (they cannot read it otherwise):
// a superadmin's page view is recorded with it in the tenant's log (lib/superadmin-access.ts).
// The header is always overwritten here, so a client cannot choose what gets recorded.
import { NextResponse, type NextRequest } from "next/server";
import { VIEWED_PATH_HEADER } from "./lib/viewed-path";

export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(VIEWED_PATH_HEADER, request.nextUrl.pathname);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = { matcher: "/t/:path*" };
