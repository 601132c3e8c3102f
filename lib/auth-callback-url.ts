// Auth.js checks a callbackUrl (query or its callback-url cookie) before handling a request and
// answers 500 ("server configuration") when it is not an http(s) URL or a path ("\\evil", "x",
// "javascript:…"). None can come from this app's own links, so /api/auth answers them with 400
// before Auth.js sees the request. A form field's value is not checked here: it goes to our own
// `redirect` callback (lib/auth.ts), which lands anything it cannot read on this site.
// The rule is Auth.js's own (@auth/core lib/utils/assert.ts, isValidHttpUrl).
import { parse as parseCookie } from "cookie";
import type { NextRequest } from "next/server";

const CALLBACK_URL_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

/** Whether Auth.js accepts this callbackUrl: an http(s) URL, or a path on `origin`. */
export function isReadableCallbackUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/** The callbackUrl values Auth.js checks before handling a request: query and cookie. */
function callbackUrlsOf(request: NextRequest): string[] {
  const values = request.nextUrl.searchParams.getAll("callbackUrl");
  // Parsed as Auth.js parses it (its vendored `cookie`): a value whose escapes do not decode is kept
  // as it is, where Next's own cookie reader would drop it.
  const cookies = parseCookie(request.headers.get("cookie") ?? "", { decode: decodeOrKeep });
  for (const name of CALLBACK_URL_COOKIES) {
    const cookie = cookies[name];
    if (cookie) values.push(cookie);
  }
  return values;
}

function decodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A 400 answer when any callbackUrl of the request is one Auth.js would fail on; null otherwise. */
export function refuseUnreadableCallbackUrl(request: NextRequest): Response | null {
  const values = callbackUrlsOf(request);
  const origin = request.nextUrl.origin;
  return values.every((value) => !value || isReadableCallbackUrl(value, origin)) ? null : new Response("Bad callbackUrl", { status: 400 });
}
