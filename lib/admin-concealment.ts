// /admin/… is the superadmin console; nobody else may learn that it exists (issue 18, item 3). A 404
// thrown by the admin routes themselves differs from an unknown path's: its title, the "admin"
// segment in the page's route tree, RSC requests redirected to add their cache-busting parameter. So
// for anyone who is not a superadmin now (signed out included; page loads, RSC and prefetch requests
// alike) proxy.ts rewrites the request to a path no route matches. Next.js then renders its
// not-found route for the URL as asked, exactly as for any unknown path. Two response headers
// would still name the rewrite target (Next sets them for its client router); server.ts removes
// them (`hideConcealment`). The admin pages still check the flag themselves (lib/platform-page.ts):
// this only hides them.
import type { ServerResponse } from "node:http";

/**
 * The request header by which proxy.ts hands its verdict on an /admin request to the console's layout:
 * "1" when the request's session is a live superadmin's (checked in the database just before). Always
 * overwritten by proxy.ts, and removed from every request by the server's listener before that
 * (lib/request-stamp.ts), so a client cannot claim it; the layout then needs no transaction of its
 * own, and each page still checks the flag in its own (withPlatformPage).
 */
export const SUPERADMIN_VERDICT_HEADER = "x-tenantry-superadmin";

/** Where a concealed request is rewritten to: Next.js never routes a folder whose name starts with "_" (a private folder). */
export const UNROUTED_PATH = "/_unrouted";

/**
 * Whether the path (as sent, still %-escaped) routes to the admin console: its first segment is
 * "admin" once decoded (`/%61dmin` routes there too). Next.js matches case-sensitively, and redirects
 * repeated slashes and a trailing slash before proxy.ts runs (as for any path).
 */
export function isAdminPath(pathname: string): boolean {
  const segments = pathname.split("/");
  // Stryker disable next-line StringLiteral: equivalent, a path without a first segment is not "admin" whatever stands in for it
  const first = segments[1] ?? "";
  try {
    return decodeURIComponent(first) === "admin";
  } catch {
    return false;
  }
}

/** The headers by which Next.js tells its client router where a request was rewritten to. */
const REWRITE_HEADERS = ["x-middleware-rewrite", "x-nextjs-rewritten-path", "x-nextjs-rewritten-query"];

function namesUnroutedPath(value: number | string | string[] | undefined): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== "string") return false;
  const path = first.startsWith("/") ? first : new URL(first, "http://unused.invalid").pathname;
  return path === UNROUTED_PATH || path.startsWith(`${UNROUTED_PATH}?`) || path.startsWith(`${UNROUTED_PATH}/`);
}

/**
 * Removes the rewrite headers from a concealed request's response just before its head is sent
 * (Node.js sends an implicit head through `writeHead` too), so it reads like any unknown path's.
 */
export function hideConcealment(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (namesUnroutedPath(this.getHeader("x-middleware-rewrite"))) {
      for (const name of REWRITE_HEADERS) this.removeHeader(name);
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}
