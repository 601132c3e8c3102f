// The Auth.js session cookie, for sessions this app opens itself (password sign-in): the same name
// and attributes Auth.js uses (@auth/core lib/utils/cookie.ts defaultCookies), so Auth.js reads the
// session, refreshes it and signs it out like one of its own.
import "server-only";
import { cookies, headers } from "next/headers";

/** How long a session lasts (Auth.js refreshes it daily while used), whichever way it was opened. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** How often a used session's expiry moves on (Auth.js's `updateAge`): at most one write a day per session. */
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

/**
 * What a session token this app or Auth.js issues looks like (a UUID, or 32 random bytes in
 * base64url). Anything else (a forged cookie holding NUL or 100 kB) names no session and is not sent
 * to PostgreSQL, which refuses some such strings with an error.
 */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/**
 * Whether Auth.js uses secure cookies for this request: AUTH_URL's protocol when it is set, else the
 * request's (x-forwarded-proto, which Next.js always sets), as in @auth/core's createActionURL.
 */
export function usesSecureCookies(requestHeaders: Headers, env: Record<string, string | undefined> = process.env): boolean {
  const configured = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (configured) return new URL(configured).protocol === "https:";
  return (requestHeaders.get("x-forwarded-proto") ?? "https").replace(/:$/, "") === "https";
}

export async function setSessionCookie(sessionToken: string, expires: Date): Promise<void> {
  const secure = usesSecureCookies(await headers());
  (await cookies()).set(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    expires,
  });
}

/** The session token the browser sent, under either name (null when signed out). */
export async function currentSessionToken(): Promise<string | null> {
  const jar = await cookies();
  return jar.get(SECURE_SESSION_COOKIE)?.value ?? jar.get(SESSION_COOKIE)?.value ?? null;
}
