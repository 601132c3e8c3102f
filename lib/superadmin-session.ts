// Whether a request comes from a superadmin, decided in proxy.ts before any page runs (the admin
// console is hidden from everyone else, lib/admin-concealment.ts). Reads the Auth.js database
// session named by the session cookie, as Auth.js itself would: unexpired, and the user's flag now.
import { withSystem } from "@/db/scopes";
import { isSuperadminSession } from "@/db/queries/sessions";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./session-cookie";

/**
 * What a session token this app or Auth.js issues looks like (a UUID, or 32 random bytes in
 * base64url). Anything else (a forged cookie holding NUL or 100 kB) names no session and is not sent
 * to PostgreSQL, which refuses some such strings with an error.
 */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

interface CookieJar {
  get(name: string): { value: string } | undefined;
}

/** The session cookie's token under either name (secure first, as lib/session-cookie.ts reads it). */
function sessionTokenOf(cookies: CookieJar): string | null {
  return cookies.get(SECURE_SESSION_COOKIE)?.value ?? cookies.get(SESSION_COOKIE)?.value ?? null;
}

/** Whether the request's session is a live superadmin's. A failed lookup counts as no: the console stays hidden. */
export async function isSuperadminRequest(cookies: CookieJar): Promise<boolean> {
  const token = sessionTokenOf(cookies);
  if (token === null || !SESSION_TOKEN.test(token)) return false;
  try {
    return await withSystem((tx) => isSuperadminSession(tx, token));
  } catch (error) {
    console.error("Could not read the session for /admin:", error);
    return false;
  }
}
