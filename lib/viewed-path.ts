// Request headers set by the server's listener (lib/request-stamp.ts) for pages under /t/ (server
// components cannot read the path or the method): what a visiting superadmin's page-view entry
// records. The listener always overwrites them, so a client cannot choose what gets recorded, nor
// skip the record by sending Next's own headers.
export const VIEWED_PATH_HEADER = "x-tenantry-path";
export const REQUEST_KIND_HEADER = "x-tenantry-request-kind";

/** "action": a server action's POST (it writes its own entry); "prefetch": the router prefetching (Next renders no page for it); else a page "view". */
export type RequestKind = "view" | "prefetch" | "action";

/**
 * Classifies a request the way Next.js itself decides what to render: only a POST carrying
 * Next-Action runs a server action, and only an RSC request carrying Next-Router-Prefetch is a
 * prefetch. The same headers on a plain GET render the full page, so that is a view.
 */
export function requestKind(method: string, has: (header: string) => boolean): RequestKind {
  if (method === "POST" && has("next-action")) return "action";
  if (has("rsc") && has("next-router-prefetch")) return "prefetch";
  return "view";
}
