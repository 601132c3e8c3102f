// Where Auth.js may send the browser and what the magic-link mail links to, whatever host or
// callbackUrl Auth.js was given (Host and X-Forwarded-Host are the client's to choose when AUTH_URL
// is unset): always this site's confirm page, carrying only the token, the address and a safe path.
import { describe, expect, it } from "vitest";
import { confirmPageUrl, onSiteRedirect } from "@/lib/auth-redirects";

const ORIGIN = "https://console.example";

describe("the mailed sign-in link", () => {
  it("points at this site's confirm page with the token, the address and the return path, and nothing else", () => {
    const authJs = "https://evil.example/api/auth/callback/nodemailer?token=abc&email=a%40b.test&callbackUrl=https%3A%2F%2Fconsole.example%2Ft%2Facme%3Fx%3D1&extra=1";
    expect(confirmPageUrl(authJs, ORIGIN)).toBe(`${ORIGIN}/login/verify?token=abc&email=a%40b.test&callbackUrl=%2Ft%2Facme%3Fx%3D1`);
  });

  it("returns to / for a foreign, unparsable or missing return path", () => {
    for (const callbackUrl of ["https://evil.example/t/acme", "http:", "javascript:alert(1)", "//evil.example"]) {
      const link = new URL(confirmPageUrl(`${ORIGIN}/cb?token=t&email=e&callbackUrl=${encodeURIComponent(callbackUrl)}`, ORIGIN));
      expect(link.searchParams.get("callbackUrl"), callbackUrl).toBe("/");
    }
    expect(confirmPageUrl(`${ORIGIN}/cb`, ORIGIN)).toBe(`${ORIGIN}/login/verify?token=&email=&callbackUrl=%2F`);
  });
});

describe("Auth.js's redirects", () => {
  it("land on this site only", () => {
    expect(onSiteRedirect("https://evil.example/x", ORIGIN)).toBe(`${ORIGIN}/`);
    expect(onSiteRedirect("not a url", ORIGIN)).toBe(`${ORIGIN}/`);
    expect(onSiteRedirect(`${ORIGIN}/t/acme#x`, ORIGIN)).toBe(`${ORIGIN}/t/acme#x`);
  });
});
