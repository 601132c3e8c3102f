// Whether a request with a side effect came from the app's own pages. Route handlers need this;
// server actions do not, because Next.js checks their origin itself. The SameSite=Lax session
// cookie is not enough on its own: it is sent on another site's links (GET), and on POSTs from a
// sibling subdomain, which counts as the same site. This check refuses those before anything is written.

/**
 * Sec-Fetch-Site decides when present: browsers set it, and a page cannot change it. "same-origin" is
 * our own page; "none" is the user acting directly (an address typed in, a bookmark). Anything else
 * is refused, "same-site" too, because a sibling subdomain is another app.
 * Without Sec-Fetch-Site (older browsers), Origin must be the app's origin. A request with neither
 * header is refused. Every browser sends Origin on a POST, so no page's request lacks both; only
 * scripts do, and they can send the header. Letting them through would let a browser or extension
 * that strips Origin carry an attack.
 */
export function isSameOriginRequest(headers: Headers, appOrigin: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  // "null" (sandboxed frames, redirects across sites) never equals an origin.
  const origin = headers.get("origin");
  // Stryker disable next-line ConditionalExpression: equivalent, null never equals the app origin (a string); the null check is for the reader
  return origin !== null && origin === appOrigin;
}
