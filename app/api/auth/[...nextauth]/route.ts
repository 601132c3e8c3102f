import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { refuseUnreadableCallbackUrl } from "@/lib/auth-callback-url";

// Auth.js answers from outside only what the browser needs once signed in: reading the session and a
// CSRF token, signing out, refreshing the session. Everything else is 404 (issue 10, item 4):
// - sign-in requests go through the login page's server action, where they are validated and rate
//   limited; Auth.js's POST /api/auth/signin/* would skip both;
// - the magic-link callback runs in-process behind /login/verify/confirm, which checks the request came
//   from our own page; reachable directly, a foreign page could sign a victim into the attacker's account.
const ALLOWED = { GET: new Set(["session", "csrf"]), POST: new Set(["signout", "session"]) };

function authAction(request: NextRequest): string {
  return request.nextUrl.pathname.replace(/^\/api\/auth\//, "").replace(/\/$/, "");
}

const notFound = () => new Response("Not found", { status: 404 });

// A callbackUrl Auth.js cannot parse is the caller's mistake (400), not a 500 (issue 10, item 7).
export function GET(request: NextRequest) {
  if (!ALLOWED.GET.has(authAction(request))) return notFound();
  return refuseUnreadableCallbackUrl(request) ?? handlers.GET(request);
}

export function POST(request: NextRequest) {
  if (!ALLOWED.POST.has(authAction(request))) return notFound();
  return refuseUnreadableCallbackUrl(request) ?? handlers.POST(request);
}
