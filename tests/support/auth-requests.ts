// Requests to Auth.js's own route handlers, as a browser would make them.
import { NextRequest } from "next/server";

type Handlers = { GET(request: NextRequest): Promise<Response>; POST(request: NextRequest): Promise<Response> };

/** Signs out through POST /api/auth/signout (CSRF token included) with `sessionCookie` ("name=token"). */
export async function signOutThroughAuthJs(handlers: Handlers, origin: string, sessionCookie: string): Promise<Response> {
  const csrf = await handlers.GET(new NextRequest(`${origin}/api/auth/csrf`, { headers: { cookie: sessionCookie } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = [sessionCookie, ...csrf.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
  return handlers.POST(
    new NextRequest(`${origin}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/login" }),
    }),
  );
}
