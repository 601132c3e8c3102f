// Whether a request comes from a superadmin, decided in proxy.ts before any page runs (the admin
// console is hidden from everyone else, lib/admin-concealment.ts). Reads the Auth.js database
// session named by the session cookie, as Auth.js itself would: unexpired, and the user's flag now.
import { withSystem } from "@/db/scopes";
import { isSuperadminSession } from "@/db/queries/sessions";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, SESSION_TOKEN_PATTERN } from "./session-cookie";

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
  if (token === null || !SESSION_TOKEN_PATTERN.test(token)) return false;
  try {
    return await withSystem((tx) => isSuperadminSession(tx, token));
  } catch (error) {
    console.error("Could not read the session for /admin:", error);
    return false;
  }
}
