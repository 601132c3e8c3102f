// The Auth.js session cookie's names (@auth/core lib/utils/cookie.ts defaultCookies): plain over
// http, `__Secure-` prefixed over https. Kept apart from lib/session-cookie.ts so server.ts can read
// them without loading next/headers.
export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;
