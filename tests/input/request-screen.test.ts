// Requests Next.js answers with 500 before any app code runs, each one an attack found by the fuzzer:
// a malformed Next-Router-State-Tree header, a server action from a foreign (or unparsable) Origin,
// a path whose escapes do not decode, dot segments. screenRequest (called first by server.ts)
// answers them with 400 / 403 / 404 and passes everything a real browser sends.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { screenRequest } from "@/lib/request-screen";

/** The parts of an IncomingMessage the screen reads, as Node gives them (lower-case header names). */
const request = (method: string, url: string, headers: Record<string, string> = {}) =>
  ({ method, url, headers: { host: "console.example", ...headers } }) as unknown as IncomingMessage;

const ACTION = { "next-action": "7f".padEnd(42, "0"), "content-type": "text/plain;charset=UTF-8" };
const VALID_TREE = encodeURIComponent(JSON.stringify(["", { children: ["login", { children: ["__PAGE__", {}] }] }]));

describe("screenRequest", () => {
  it("answers 400 for a Next-Router-State-Tree header Next cannot parse", async () => {
    for (const tree of ["%7B", "%", "[]", "null", encodeURIComponent('["",{"children":1}]'), "x".repeat(50_000)]) {
      expect(await screenRequest(request("GET", "/login?_rsc=x", { rsc: "1", "next-router-state-tree": tree })), tree.slice(0, 20)).toBe(400);
    }
    expect(await screenRequest(request("GET", "/login?_rsc=x", { rsc: "1", "next-router-state-tree": VALID_TREE }))).toBeNull();
  });

  it("passes the identity provider's cross-origin form post to a tenant's SAML ACS, and nothing else like it", async () => {
    const post = { "content-type": "application/x-www-form-urlencoded", origin: "https://idp.example" };
    expect(await screenRequest(request("POST", "/api/sso/acme/acs", post))).toBeNull();
    // Not with a Next-Action header, nor on any other path under /api/sso.
    expect(await screenRequest(request("POST", "/api/sso/acme/acs", { ...post, ...ACTION }))).toBe(403);
    expect(await screenRequest(request("POST", "/api/sso/acme/login", post))).toBe(403);
    expect(await screenRequest(request("POST", "/api/sso/acme/acs/x", post))).toBe(403);
  });

  it("passes the OpenID provider's redirect back to a tenant's OIDC callback: a top-level GET with code and state", async () => {
    const back = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", referer: "https://op.example/interaction/1" };
    expect(await screenRequest(request("GET", "/api/sso/acme/oidc/callback?code=abc&state=xyz&iss=https%3A%2F%2Fop.example", back))).toBeNull();
  });

  it("answers 403 for a server action from another origin, a null origin, or an origin that is not a URL", async () => {
    for (const origin of ["http://attacker.example", "https://console.example.evil", "null", "x", "http://"]) {
      expect(await screenRequest(request("POST", "/t/acme/settings", { ...ACTION, origin })), origin).toBe(403);
    }
    // A form posted before JavaScript loaded is a possible action too.
    const form = { "content-type": "multipart/form-data; boundary=x", origin: "http://attacker.example" };
    expect(await screenRequest(request("POST", "/login", form))).toBe(403);
  });

  it("treats a urlencoded form POST as a possible action too, and refuses Origin null unless the browser vouches for a form post", async () => {
    const urlencoded = { "content-type": "application/x-www-form-urlencoded" };
    expect(await screenRequest(request("POST", "/login", { ...urlencoded, origin: "http://attacker.example" }))).toBe(403);
    // Origin null from a sandboxed frame or a cross-site redirect: no Sec-Fetch-Site: same-origin.
    expect(await screenRequest(request("POST", "/login/verify/confirm", { ...urlencoded, origin: "null" }))).toBe(403);
    expect(await screenRequest(request("POST", "/login/verify/confirm", { ...urlencoded, origin: "null", "sec-fetch-site": "cross-site" }))).toBe(403);
    // A server action (Next-Action header) never passes with Origin null, same-origin or not.
    expect(await screenRequest(request("POST", "/t/acme/settings", { ...ACTION, origin: "null", "sec-fetch-site": "same-origin" }))).toBe(403);
  });

  it("leaves requests other than POST to Next, whatever their headers say", async () => {
    expect(await screenRequest(request("GET", "/t/acme/settings", { ...ACTION, origin: "http://attacker.example" }))).toBeNull();
  });

  it("reads the first X-Forwarded-Host value without the spaces around it", async () => {
    const behindProxy = { ...ACTION, origin: "https://public.example", "x-forwarded-host": "public.example , internal" };
    expect(await screenRequest(request("POST", "/login", behindProxy))).toBeNull();
  });

  it("compares the Origin with X-Forwarded-Host first, then Host, as Next does", async () => {
    expect(await screenRequest(request("POST", "/login", { ...ACTION, origin: "https://console.example" }))).toBeNull();
    expect(await screenRequest(request("POST", "/login", { ...ACTION, origin: "https://public.example", "x-forwarded-host": "public.example, internal" }))).toBeNull();
    expect(await screenRequest(request("POST", "/login", { ...ACTION, origin: "https://console.example", "x-forwarded-host": "public.example" }))).toBe(403);
  });

  it("passes requests without an Origin, same-origin form posts with Origin null, and non-action requests", async () => {
    expect(await screenRequest(request("POST", "/login", ACTION))).toBeNull();
    const confirm = { "content-type": "application/x-www-form-urlencoded", origin: "null", "sec-fetch-site": "same-origin" };
    expect(await screenRequest(request("POST", "/login/verify/confirm", confirm))).toBeNull();
    expect(await screenRequest(request("POST", "/api/v1/things", { "content-type": "application/json", origin: "http://attacker.example" }))).toBeNull();
    expect(await screenRequest(request("GET", "/t/acme/activity?q=%00", { origin: "http://attacker.example" }))).toBeNull();
  });

  it("answers 404 for undecodable paths and 400 for dot segments", async () => {
    for (const url of ["/t/%", "/t/%ff%fe", "/t/acme/flows/%C0%AF", "/api/auth/%E0%A4%A"]) {
      expect(await screenRequest(request("GET", url)), url).toBe(404);
    }
    for (const url of ["/t/../admin", "/t/acme/./members", "/t/%2e%2e/admin", "/t/acme/%2E", "/.."]) {
      expect(await screenRequest(request("GET", url)), url).toBe(400);
    }
    for (const url of ["/", "/t/acme/flows/%E2%9C%93?q=%ff", "/t/a.b/members", "/_next/static/chunks/x.js"]) {
      expect(await screenRequest(request("GET", url)), url).toBeNull();
    }
  });
});
