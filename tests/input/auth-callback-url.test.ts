// Attack: a callbackUrl Auth.js cannot read ("\\evil", "x", "javascript:…"), in the query or in its
// callback-url cookie, made every /api/auth endpoint answer 500 (Auth.js's config check fails the
// request). /api/auth now answers such a request with 400, through Auth.js's real handlers.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { isReadableCallbackUrl } from "@/lib/auth-callback-url";

const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");
const ORIGIN = "http://localhost:3000";
const UNREADABLE = ["\\\\evil", "x", "javascript:alert(1)", "http://", "//"];

describe("callbackUrl values Auth.js cannot read", () => {
  it("answers 400, in the query or the cookie, on every endpoint", async () => {
    for (const value of UNREADABLE) {
      // The endpoints reachable from outside (the rest answer 404: tests/auth/sign-in-csrf.test.ts).
      for (const endpoint of ["session", "csrf"]) {
        const inQuery = await GET(new NextRequest(`${ORIGIN}/api/auth/${endpoint}?callbackUrl=${encodeURIComponent(value)}`));
        const inCookie = await GET(
          new NextRequest(`${ORIGIN}/api/auth/${endpoint}`, { headers: { cookie: `authjs.callback-url=${encodeURIComponent(value)}` } }),
        );
        expect([inQuery.status, inCookie.status], `${endpoint} ${value}`).toEqual([400, 400]);
        // Escapes that do not decode: Auth.js reads the raw text.
        const rawCookie = await GET(new NextRequest(`${ORIGIN}/api/auth/${endpoint}`, { headers: { cookie: "authjs.callback-url=%ff" } }));
        expect(rawCookie.status, `${endpoint} %ff`).toBe(400);
      }
      const posted = await POST(
        new NextRequest(`${ORIGIN}/api/auth/session?callbackUrl=${encodeURIComponent(value)}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }),
      );
      expect(posted.status, value).toBe(400);
    }
  });

  it("passes readable values on to Auth.js", async () => {
    for (const value of ["/t/acme", "http://localhost:3000/t/acme", "https://elsewhere.example/"]) {
      expect(isReadableCallbackUrl(value, ORIGIN), value).toBe(true);
      const response = await GET(new NextRequest(`${ORIGIN}/api/auth/csrf?callbackUrl=${encodeURIComponent(value)}`));
      expect(response.status, value).toBe(200);
    }
  });
});
