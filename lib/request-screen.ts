// Requests Next.js itself answers with 500 before any app code runs (found by `npm run fuzz`, see
// scripts/fuzz/requests.ts `protocol`). The custom server (server.ts) calls `screenRequest` first and
// answers with the status it returns; null passes the request on to Next.js. Nothing here reads the
// body, so Next's own body reading is untouched.
import type { IncomingMessage } from "node:http";
// Next's own parser for the header, so the screen refuses exactly what Next would fail on.
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";
import { isUndecodablePath } from "./undecodable-path";

type ScreenedRequest = Pick<IncomingMessage, "method" | "url" | "headers">;

const SAML_ACS_PATH = /^\/api\/sso\/[a-z0-9-]+\/acs$/;

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** The path part of the request line, as sent. */
// Stryker disable next-line StringLiteral: equivalent, an empty path is neither undecodable nor a dot segment, like "/"
const pathOf = (url: string | undefined) => (url ?? "/").split("?")[0]!;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * A path Next.js cannot route: escapes that do not decode (404: no page could be meant) or a dot
 * segment ("..", ".", "%2e%2e"; 400: browsers remove them before sending, so only a hand-made
 * request has one).
 */
function pathStatus(request: ScreenedRequest): number | null {
  const path = pathOf(request.url);
  if (isUndecodablePath(path)) return 404;
  return path.split("/").some((segment) => DOT_SEGMENT.test(segment)) ? 400 : null;
}

/** A Next-Router-State-Tree header Next.js cannot parse makes it throw (500): 400 instead. */
function routerStateStatus(request: ScreenedRequest): number | null {
  const header = request.headers["next-router-state-tree"];
  // Stryker disable next-line ConditionalExpression: equivalent, Next parses a missing header as no state (no throw)
  if (header === undefined) return null;
  try {
    parseAndValidateFlightRouterState(header);
    return null;
  } catch {
    return 400;
  }
}

/**
 * Whether Next.js treats the POST as a possible server action (its action handler's own test): a
 * Next-Action header, or a form body (a form posted before JavaScript has loaded).
 */
function isPossibleServerAction(request: ScreenedRequest): boolean {
  if (request.method !== "POST") return false;
  // Stryker disable next-line StringLiteral: equivalent, any fallback that is not a form content type reads the same
  const contentType = single(request.headers["content-type"]) ?? "";
  return request.headers["next-action"] !== undefined || contentType.startsWith("multipart/form-data") || contentType === "application/x-www-form-urlencoded";
}

/**
 * A server action from another origin: Next.js refuses it by throwing (500), and an Origin it cannot
 * parse throws too. The host compared is Next's: the first X-Forwarded-Host value, else Host.
 * "Origin: null" is what browsers send for a form POST from a page with Referrer-Policy no-referrer
 * (the sign-in confirm page): it is passed on when the browser says the request is same-origin and
 * it is a form post to a route handler (no Next-Action header), whose own same-origin check decides.
 */
function originStatus(request: ScreenedRequest): number | null {
  const origin = single(request.headers.origin);
  if (!origin || !isPossibleServerAction(request)) return null;
  // A tenant's SAML assertion consumer service takes form posts from the identity provider's origin by
  // design (HTTP-POST binding): a route handler, never a server action, so Next.js does not throw.
  if (request.headers["next-action"] === undefined && SAML_ACS_PATH.test(pathOf(request.url))) return null;
  if (origin === "null") {
    const sameOriginForm = single(request.headers["sec-fetch-site"]) === "same-origin" && request.headers["next-action"] === undefined;
    return sameOriginForm ? null : 403;
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return 403;
  }
  const forwardedHost = single(request.headers["x-forwarded-host"])?.split(",")[0]?.trim();
  const host = forwardedHost || single(request.headers.host);
  return host && originHost === host ? null : 403;
}

/** The status to answer with before Next.js sees the request, or null to pass it on. */
export async function screenRequest(request: IncomingMessage): Promise<number | null> {
  return pathStatus(request) ?? routerStateStatus(request) ?? originStatus(request);
}
