// Defence in depth: every response proxy.ts handles carries a Content-Security-Policy whose scripts
// need this response's nonce (an injected <script> or on*= attribute does not run), forbids framing,
// keeps token-bearing URLs out of Referer headers, and pins https only when served over https.
// (e2e/security/headers.spec.ts checks the same on the production server, in a browser.)
import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { config, proxy } from "@/proxy";
import { contentSecurityPolicy } from "@/lib/security-headers";

async function headersFor(url: string, headers: Record<string, string> = {}) {
  return (await proxy(new NextRequest(url, { headers }))).headers;
}

const directive = (csp: string, name: string) => csp.split(";").map((part) => part.trim()).find((part) => part.startsWith(`${name} `));

describe("security headers", () => {
  it("sets a nonce-based CSP with strict-dynamic and no unsafe-inline or unsafe-eval for scripts", async () => {
    const csp = (await headersFor("http://tenantry.test/login")).get("content-security-policy")!;
    const scripts = directive(csp, "script-src")!;
    expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(directive(csp, "style-src")).not.toContain("unsafe-inline");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
  });

  it("loads everything else from this site only, and upgrades insecure requests only over https", async () => {
    const policy = async (url: string, headers: Record<string, string> = {}) => (await headersFor(url, headers)).get("content-security-policy")!;
    const csp = await policy("http://tenantry.test/login");
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
    const overHttps = await policy("https://tenantry.test/login");
    expect(overHttps.split("; ")).toEqual([...sameSiteOnly.map((d) => d.replaceAll(nonce!, /'nonce-([^']+)'/.exec(overHttps)![1]!)), "upgrade-insecure-requests"]);
  });

  it("relaxes exactly eval and inline styles for the development server", () => {
    const csp = contentSecurityPolicy("abc", { dev: true, https: false });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval'");
    expect(directive(csp, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("makes a new nonce for every request, and hands the same policy to Next.js to put that nonce on its scripts", async () => {
    const first = await proxy(new NextRequest("http://tenantry.test/login"));
    const second = await proxy(new NextRequest("http://tenantry.test/login"));
    const nonceOf = (h: Headers) => /'nonce-([^']+)'/.exec(h.get("content-security-policy")!)![1];
    expect(nonceOf(first.headers)).not.toBe(nonceOf(second.headers));
    // NextResponse.next({ request: { headers } }) forwards request headers as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(first.headers.get("content-security-policy"));
  });

  it("sends no Referer from pages whose URL carries a token, same-origin elsewhere", async () => {
    for (const path of ["/login/verify?token=abc&email=a%40b.test", "/login/verify/confirm", "/set-password?token=abc", "/join/acme?token=abc"]) {
      expect((await headersFor(`http://tenantry.test${path}`)).get("referrer-policy"), path).toBe("no-referrer");
    }
    for (const path of ["/login", "/t/acme/members", "/", "/join"]) {
      expect((await headersFor(`http://tenantry.test${path}`)).get("referrer-policy"), path).toBe("same-origin");
    }
  });

  it("sends HSTS only over https", async () => {
    expect((await headersFor("http://tenantry.test/login")).get("strict-transport-security")).toBeNull();
    expect((await headersFor("https://tenantry.test/login")).get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect((await headersFor("http://tenantry.test/login", { "x-forwarded-proto": "https" })).get("strict-transport-security")).toMatch(/^max-age=/);
  });

  it("runs on every path but Next's static files and image optimiser", () => {
    for (const path of ["/login", "/", "/t/acme/activity", "/api/auth/session", "/t/acme/activity/export", "/favicon.ico"]) {
      expect(unstable_doesMiddlewareMatch({ config, url: path }), path).toBe(true);
    }
    for (const path of ["/_next/static/chunks/app.js", "/_next/image?url=%2Fx.png&w=64&q=75"]) {
      expect(unstable_doesMiddlewareMatch({ config, url: path }), path).toBe(false);
    }
  });

  it("marks every response nosniff, static files included (next.config.ts)", async () => {
    const rules = await nextConfig.headers!();
    expect(rules).toContainEqual({ source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] });
  });
});
