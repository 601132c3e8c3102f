// Defence in depth: every response but Next's static files carries a Content-Security-Policy whose
// scripts need this response's nonce (an injected <script> or on*= attribute does not run), forbids
// framing, keeps token-bearing URLs out of Referer headers, and pins https only when served over
// https. server.ts's listener sets them (lib/request-stamp.ts) before Next.js runs.
// (e2e/security/headers.spec.ts checks the same on the production server, in a browser.)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { contentSecurityPolicy } from "@/lib/security-headers";
import { createRequestListener } from "@/lib/request-listener";
import { parseTrustedProxies } from "@/lib/trusted-proxies";
import { stamped } from "../support/stamped-request";

const responseHeaders = (path: string, headers: Record<string, string> = {}, tls = false) => stamped(path, { headers, tls }).response;

const directive = (csp: string, name: string) => csp.split(";").map((part) => part.trim()).find((part) => part.startsWith(`${name} `));

describe("security headers", () => {
  it("sets a nonce-based CSP with strict-dynamic and no unsafe-inline or unsafe-eval for scripts", () => {
    const csp = responseHeaders("/login").get("content-security-policy")!;
    const scripts = directive(csp, "script-src")!;
    expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(directive(csp, "style-src")).not.toContain("unsafe-inline");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
  });

  it("loads everything else from this site only, and upgrades insecure requests only over https", () => {
    const policy = (headers: Record<string, string> = {}, tls = false) => responseHeaders("/login", headers, tls).get("content-security-policy")!;
    const csp = policy();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const sameSiteOnly = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' blob: data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ];
    expect(csp.split("; ")).toEqual(sameSiteOnly);
    for (const overHttps of [policy({}, true), policy({ "x-forwarded-proto": "https" })]) {
      expect(overHttps.split("; ")).toEqual([...sameSiteOnly.map((d) => d.replaceAll(nonce!, /'nonce-([^']+)'/.exec(overHttps)![1]!)), "upgrade-insecure-requests"]);
    }
  });

  it("relaxes exactly eval and inline styles for the development server", () => {
    const csp = contentSecurityPolicy("abc", { dev: true, https: false });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval'");
    expect(directive(csp, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("makes a new nonce for every request, and hands the same policy to Next.js on the request to put that nonce on its scripts", () => {
    const first = stamped("/login");
    const second = stamped("/login");
    const nonceOf = (csp: string | string[] | undefined) => /'nonce-([^']+)'/.exec(String(csp))![1];
    expect(nonceOf(first.response.get("content-security-policy"))).not.toBe(nonceOf(second.response.get("content-security-policy")));
    expect(first.request["content-security-policy"]).toBe(first.response.get("content-security-policy"));
    // A client's own policy (with a nonce of its choosing) is replaced, never passed on.
    const forged = stamped("/login", { headers: { "content-security-policy": "script-src 'nonce-chosen'" } });
    expect(forged.request["content-security-policy"]).toBe(forged.response.get("content-security-policy"));
    expect(forged.request["content-security-policy"]).not.toContain("chosen");
  });

  it("sends no Referer from pages whose URL carries a token, same-origin elsewhere", () => {
    for (const path of ["/login/verify?token=abc&email=a%40b.test", "/login/verify/confirm", "/set-password?token=abc", "/join/acme?token=abc"]) {
      expect(responseHeaders(path).get("referrer-policy"), path).toBe("no-referrer");
    }
    for (const path of ["/login", "/t/acme/members", "/", "/join"]) {
      expect(responseHeaders(path).get("referrer-policy"), path).toBe("same-origin");
    }
  });

  it("sends HSTS only over https", () => {
    expect(responseHeaders("/login").get("strict-transport-security")).toBeUndefined();
    expect(responseHeaders("/login", {}, true).get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect(responseHeaders("/login", { "x-forwarded-proto": "https" }).get("strict-transport-security")).toMatch(/^max-age=/);
    expect(responseHeaders("/login", { "x-forwarded-proto": "http, https" }).get("strict-transport-security")).toBeUndefined();
  });

  it("applies to every path but Next's static files and image optimiser", () => {
    for (const path of ["/login", "/", "/t/acme/activity", "/api/auth/session", "/t/acme/activity/export", "/favicon.ico", "/admin"]) {
      expect(responseHeaders(path).get("content-security-policy"), path).toMatch(/^default-src/);
    }
    for (const path of ["/_next/static/chunks/app.js", "/_next/image?url=%2Fx.png&w=64&q=75"]) {
      expect(responseHeaders(path).size, path).toBe(0);
    }
  });

  it("is set by the production server's request listener before Next.js handles the request", async () => {
    let seenByNext: http.IncomingHttpHeaders = {};
    const server = http.createServer(
      createRequestListener(async (request, response) => {
        seenByNext = { ...request.headers };
        response.end("ok");
      }, parseTrustedProxies(undefined)),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/t/acme/members`);
      const csp = response.headers.get("content-security-policy");
      expect(csp).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
      expect(seenByNext["content-security-policy"]).toBe(csp);
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("marks every response nosniff, static files included (next.config.ts)", async () => {
    const rules = await nextConfig.headers!();
    expect(rules).toContainEqual({ source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] });
  });
});
