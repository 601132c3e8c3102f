// The table address last asked of the router, until the router has landed on it. A change made in
// that time builds on it: built on the address as last rendered, it would drop the change still on its
// way (fill From, then To: each settles 400 ms after its last keystroke, and the second used to replace
// the address without the first). One per page: a page has one table address.

let requested: { pathname: string; query: string } | null = null;

/** The query a change on `pathname` builds on: the one on its way there, else the rendered one. */
export function queryToBuildOn(pathname: string, rendered: string): string {
  return requested?.pathname === pathname ? requested.query : rendered;
}

/** Notes the address just asked of the router. */
export function noteRequested(pathname: string, query: string): void {
  requested = { pathname, query };
}

/** Notes the address now rendered: once it is the one asked for (or another page), nothing is on its way. */
export function noteRendered(pathname: string, rendered: string): void {
  if (requested && (requested.pathname !== pathname || requested.query === rendered)) requested = null;
}

/** Back and Forward go wherever they go: nothing asked before is on its way any more. */
export function forgetRequested(): void {
  requested = null;
}

// Once per page load, not per table hook: the address is the page's, and one hook unmounting must not
// take the listener from the others.
if (typeof window !== "undefined") window.addEventListener("popstate", forgetRequested);
