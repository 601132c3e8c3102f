// The security headers lib/request-stamp.ts puts on every response (all but Next's static files,
// which get X-Content-Type-Options from next.config.ts).

/** A fresh, unguessable nonce for one response's scripts and styles. */
export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}

/**
 * The Content-Security-Policy: scripts run only with this response's nonce, and what they load
 * ('strict-dynamic' extends trust to the chunks Next's own nonce-carrying scripts add), never from an
 * inline attribute or eval. Next.js reads the nonce from this header on the request and puts it on
 * its scripts. The dev server evaluates modules (unsafe-eval) and its error overlay injects inline
 * styles, so development relaxes exactly those two.
 */
export function contentSecurityPolicy(nonce: string, { dev, https }: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Nobody may frame the console (clickjacking); this supersedes X-Frame-Options.
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

// Pages whose URL carries a secret (a sign-in token, a set-password token, an invitation token):
// the URL must not leave in a Referer header, not even to this site's own later requests.
const TOKEN_IN_URL = [/^\/login\/verify(\/|$)/, /^\/set-password(\/|$)/, /^\/join\//];

/** Referrer-Policy: same-origin everywhere (other sites learn nothing), none at all from token pages. */
export function referrerPolicyFor(pathname: string): "no-referrer" | "same-origin" {
  return TOKEN_IN_URL.some((pattern) => pattern.test(pathname)) ? "no-referrer" : "same-origin";
}

/**
 * Strict-Transport-Security, only when the response goes out over https (browsers ignore it over
 * http anyway, and a development server on http://localhost must not pin itself to https).
 * Without includeSubDomains: other hosts of the domain are not ours to decide for.
 */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000";
