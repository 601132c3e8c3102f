// Attack: POST /login/verify/confirm with a body that is not a form (JSON, text, nothing). The route
// read it with request.formData(), which throws, so the answer was a 500; now it is the same
// redirect to the sign-in error page as any other unusable link.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";

const { POST } = await import("@/app/login/verify/confirm/route");

describe("sign-in confirm with a body that is not a form", () => {
  it("redirects to the sign-in error page", async () => {
    const bodies: [string | undefined, string | undefined][] = [
      ['{"token":"x","email":"a@b.test"}', "application/json"],
      ["token=x", "text/plain"],
      [undefined, undefined],
      ["--x\r\nbroken", "multipart/form-data; boundary=x"],
    ];
    for (const [body, contentType] of bodies) {
      // Posted from our own page (the origin check is tests/auth/sign-in-csrf.test.ts's business).
      const headers: Record<string, string> = { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" };
      if (contentType) headers["content-type"] = contentType;
      const response = await POST(new NextRequest("http://localhost:3000/login/verify/confirm", { method: "POST", body, headers }));
      expect(response.status, String(contentType)).toBe(303);
      expect(response.headers.get("location"), String(contentType)).toContain("/login/error");
    }
  });
});
