// Whether a sign-in POST (the magic link's Continue button) came from our own page. Stricter than
// lib/same-origin.ts: a form POST is never "user typed it" (Sec-Fetch-Site: none), and the confirm
// page is served with Referrer-Policy no-referrer, under which browsers send `Origin: null` even for
// our own form. So "null" (or no Origin) is accepted only when the browser vouches with
// Sec-Fetch-Site: same-origin; a sandboxed frame or a redirect across sites also sends "null", but
// never with same-origin.

export function isOwnPageSignInPost(headers: Headers, publicOrigin: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return false;
  const origin = headers.get("origin");
  if (origin === null || origin === "null") return site === "same-origin";
  return origin === publicOrigin;
}
