// The path and query a page under /t/ was asked for, passed by the server's listener (lib/request-stamp.ts) in a request header (server
// components cannot read the URL): a signed-out visitor is sent to sign-in with all of it as the
// callbackUrl, and lands back on it afterwards (issue 18, item 2). the listener always overwrites the
// header, and it is read through safeReturnPath all the same.
export const REQUESTED_PATH_HEADER = "x-tenantry-requested-path";

/** `url`'s path and query, without the `_rsc` cache-busting parameter Next's router adds. */
export function requestedPathOf(url: URL): string {
  if (!url.searchParams.has("_rsc")) return `${url.pathname}${url.search}`;
  const params = new URLSearchParams(url.search);
  params.delete("_rsc");
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ""}`;
}
