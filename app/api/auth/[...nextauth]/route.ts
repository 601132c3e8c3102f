import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { refuseUnreadableCallbackUrl } from "@/lib/auth-callback-url";

export async function GET(request: NextRequest) {
  return (await refuseUnreadableCallbackUrl(request)) ?? handlers.GET(request);
}

// Sign-in requests go through the login page's server action only, where they are validated and
// rate limited; Auth.js's own POST /api/auth/signin/* endpoint would skip both.
export async function POST(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/auth/signin")) {
    return new Response("Not found", { status: 404 });
  }
  return (await refuseUnreadableCallbackUrl(request)) ?? handlers.POST(request);
}
