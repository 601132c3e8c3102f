// Where Auth.js may send the browser, and the sign-in link it mails, both pinned to the configured
// public origin. Auth.js derives its own base URL from the request (Host / X-Forwarded-Host when
// AUTH_URL is unset), so neither its redirects nor its links may be trusted as they come.
import { safeReturnPath } from "./safe-redirect";

/** The same-site path in `url` (a path, or an absolute URL on `origin`); anything else is "/". */
export function returnPathIn(url: string, origin: string): string {
  if (url.startsWith("/")) return safeReturnPath(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "/";
  }
  if (parsed.origin !== origin) return "/";
  return safeReturnPath(`${parsed.pathname}${parsed.search}${parsed.hash}`);
}

/** Auth.js's `redirect` callback: every redirect lands on this site, at a safe path. */
export function onSiteRedirect(url: string, origin: string): string {
  return new URL(returnPathIn(url, origin), origin).toString();
}

/**
 * The link mailed for a magic-link sign-in: the confirm page (only its POST spends the token, mail
 * scanners GET) on the configured origin, carrying only the token, the address and a safe return
 * path taken from Auth.js's own link. Nothing else of that link (its host above all) is kept.
 */
export function confirmPageUrl(authJsLink: string, origin: string): string {
  const params = new URL(authJsLink).searchParams;
  const link = new URL("/login/verify", origin);
  link.searchParams.set("token", params.get("token") ?? "");
  link.searchParams.set("email", params.get("email") ?? "");
  // Stryker disable next-line StringLiteral: equivalent, returnPathIn("") is "/" (not a path, not a URL)
  link.searchParams.set("callbackUrl", returnPathIn(params.get("callbackUrl") ?? "/", origin));
  return link.toString();
}
