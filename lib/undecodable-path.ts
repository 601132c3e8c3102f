// Paths whose %-escapes do not decode to text (`/t/%`, `/t/%ff%fe`, the overlong `/t/acme/flows/%C0%AF`).
// Next.js decodes each route segment into a page's params and answers 500 when that throws; no page
// could be meant by such a path, so it is answered as not found before routing.

/** Whether a path (as sent, still %-escaped) holds an escape that is not valid UTF-8. */
export function isUndecodablePath(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}
