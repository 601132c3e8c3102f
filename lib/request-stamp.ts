// What server.ts's listener (lib/request-listener.ts) does to every request but Next's static files
// before Next.js sees it:
// - security headers (lib/security-headers.ts): a per-request nonce and the Content-Security-Policy
//   built on it, Referrer-Policy, and HSTS over https, on the response; the same CSP on the request,
//   where Next.js takes the nonce for its own scripts from;
// - the path and the kind of request, for server components under /t/ (they cannot read either
//   otherwise): a superadmin's page view is recorded with them in the tenant's log
//   (lib/superadmin-access.ts), and a signed-out visitor returns to the whole path and query after
//   signing in (lib/requested-path.ts). Always overwritten here, so a client cannot choose what gets
//   recorded;
// - the superadmin verdict header removed: only proxy.ts sets it, on /admin requests of a live
//   superadmin (lib/admin-concealment.ts).
// This was proxy.ts's work on every path; Next's proxy machinery (a web Request built from the Node
// request, the forwarded headers merged back) cost more per page view than everything it did, so
// proxy.ts now runs on /admin paths alone (issue 11: overview +16 %, members +14 % req/s at 16 connections).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { SUPERADMIN_VERDICT_HEADER } from "./admin-concealment";
import { REQUESTED_PATH_HEADER, requestedPathOf } from "./requested-path";
import { contentSecurityPolicy, newNonce, referrerPolicyFor, STRICT_TRANSPORT_SECURITY } from "./security-headers";
import { REQUEST_KIND_HEADER, VIEWED_PATH_HEADER, requestKind } from "./viewed-path";

type StampedRequest = Pick<IncomingMessage, "method" | "url" | "headers" | "socket">;
type StampedResponse = Pick<ServerResponse, "setHeader">;

/** Next's static files and image optimiser: immutable assets, no page (they keep next.config.ts's nosniff alone). */
const FRAMEWORK_ASSET = /^\/_next\/(?:static|image)/;

/**
 * Served over https: a TLS socket, or a TLS-terminating proxy in front saying so in
 * X-Forwarded-Proto (a forged value only adds headers that browsers ignore over plain http).
 */
function isHttps(request: StampedRequest): boolean {
  if ((request.socket as Partial<TLSSocket> | undefined)?.encrypted) return true;
  const forwarded = request.headers["x-forwarded-proto"];
  const first = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return first?.split(",")[0]?.trim() === "https";
}

/** Stamps the request's headers for the app and the response's security headers (see above). */
export function stampRequest(request: StampedRequest, response: StampedResponse): void {
  const headers = request.headers;
  delete headers[SUPERADMIN_VERDICT_HEADER];
  const url = new URL(request.url ?? "/", "http://unused.invalid");
  if (FRAMEWORK_ASSET.test(url.pathname)) return;
  headers[VIEWED_PATH_HEADER] = url.pathname;
  headers[REQUESTED_PATH_HEADER] = requestedPathOf(url);
  headers[REQUEST_KIND_HEADER] = requestKind(request.method ?? "GET", (name) => headers[name] !== undefined);

  const https = isHttps(request);
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development", https });
  headers["content-security-policy"] = csp;
  response.setHeader("content-security-policy", csp);
  response.setHeader("referrer-policy", referrerPolicyFor(url.pathname));
  if (https) response.setHeader("strict-transport-security", STRICT_TRANSPORT_SECURITY);
}
