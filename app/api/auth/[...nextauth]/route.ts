import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";

export const { GET } = handlers;

// Sign-in requests go through the login page's server action only, where they are validated and
// rate limited; Auth.js's own POST /api/auth/signin/* endpoint would skip both.
export function POST(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/auth/signin")) {
    return new Response("Not found", { status: 404 });
  }
  return handlers.POST(request);
}
