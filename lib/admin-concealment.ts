// /admin/… is the superadmin console; nobody else may learn that it exists (issue 18, item 3). A 404
// rendered by the admin routes themselves differs from an unknown path's (its title, the route tree
// in the page's data, its headers), so for anyone who is not a superadmin now (signed out included,
// page loads, RSC and prefetch requests alike) server.ts points the request at a path no route
// matches before Next.js sees it: Next answers exactly as it does for any unknown path. The admin
// pages still check the flag themselves (lib/platform-page.ts); this only hides them.
import type { IncomingMessage } from "node:http";
import { parse as parseCookies } from "cookie";
import { withSystem } from "../db/scopes";
import { isSuperadminSession } from "../db/queries/sessions";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./session-cookie-names";

const ADMIN_SEGMENT = "admin";
/** A first path segment no route of the app matches (Next's 404 for unknown paths). */
export const UNROUTED_SEGMENT = "_unrouted";

/**
 * The request's path and query with a leading /admin segment swapped for an unrouted one, or null
 * when the path is not under /admin. Matched on the decoded segment (`/%61dmin` routes to /admin
 * too). A path ending in "/" is left alone: Next redirects it to the same path without the slash
 * (as it does for any unknown path) before routing, and that redirect comes back here.
 */
export function unroutedAdminUrl(url: string): string | null {
  const queryAt = url.search(/[?#]/);
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const rest = queryAt === -1 ? "" : url.slice(queryAt);
  if (path.length > 1 && path.endsWith("/")) return null;
  const match = /^\/+([^/]*)(.*)$/.exec(path);
  if (!match || decodedSegment(match[1]!) !== ADMIN_SEGMENT) return null;
  return `/${UNROUTED_SEGMENT}${match[2]}${rest}`;
}

function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

async function isSuperadminRequest(request: IncomingMessage): Promise<boolean> {
  const cookies = parseCookies(request.headers.cookie ?? "");
  const token = cookies[SECURE_SESSION_COOKIE] ?? cookies[SESSION_COOKIE];
  if (!token) return false;
  return withSystem((tx) => isSuperadminSession(tx, token));
}

/** Rewrites `request.url` for an /admin request from anyone but a superadmin (see above). */
export async function concealAdminConsole(request: IncomingMessage): Promise<void> {
  const unrouted = unroutedAdminUrl(request.url ?? "/");
  if (unrouted !== null && !(await isSuperadminRequest(request))) request.url = unrouted;
}
