// Attack: a signed-out visitor, an ordinary member or a forged session cookie probes /admin/… (page
// loads, RSC and prefetch requests) to learn that a superadmin console exists. proxy.ts rewrites
// such a request to a path no route matches, so Next.js answers it as any unknown path; only a live
// superadmin session reaches the console. The custom server then keeps the rewrite out of the
// response's headers. (e2e/admin/hidden-console.spec.ts compares the whole answers on a build.)
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withSystem } from "@/db/scopes";
import { insertSession } from "@/db/queries/sessions";
import { SUPERADMIN_VERDICT_HEADER, UNROUTED_PATH, isAdminPath } from "@/lib/admin-concealment";
import { createRequestListener } from "@/lib/request-listener";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/session-cookie";
import { parseTrustedProxies } from "@/lib/trusted-proxies";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config, proxy } from "@/proxy";
import { createUser } from "../support/fixtures";
import { stamped } from "../support/stamped-request";

async function sessionFor(isSuperadmin: boolean, expires = new Date(Date.now() + 3_600_000)): Promise<string> {
  const user = await createUser(isSuperadmin ? "root" : "member", { isSuperadmin });
  const sessionToken = randomBytes(32).toString("base64url");
  await withSystem((tx) => insertSession(tx, { sessionToken, userId: user.id, expires, authMethod: "magic_link" }));
  return sessionToken;
}

/** Where proxy.ts sends the request: the path Next.js will route, or null when it passes it on unchanged. */
async function routedTo(path: string, headers: Record<string, string> = {}): Promise<string | null> {
  const response = await proxy(new NextRequest(`http://tenantry.test${path}`, { headers }));
  const rewrite = response.headers.get("x-middleware-rewrite");
  if (rewrite === null) {
    expect(response.headers.get("x-middleware-next")).toBe("1");
    return null;
  }
  const url = new URL(rewrite);
  return `${url.pathname}${url.search}`;
}

const PREFETCH = { rsc: "1", "next-router-prefetch": "1" };

describe("/admin for anyone but a superadmin", () => {
  it("is routed as an unknown path when signed out: page, RSC and prefetch requests, query kept", async () => {
    expect(await routedTo("/admin")).toBe(UNROUTED_PATH);
    expect(await routedTo("/admin/users?sort=email")).toBe(`${UNROUTED_PATH}?sort=email`);
    expect(await routedTo("/admin/activity", { rsc: "1" })).toBe(UNROUTED_PATH);
    expect(await routedTo("/admin?_rsc=abc", PREFETCH)).toMatch(new RegExp(`^${UNROUTED_PATH}\\?`));
    // A spelling that routes to /admin all the same.
    expect(await routedTo("/%61dmin/users")).toBe(UNROUTED_PATH);
  });

  it("is routed as an unknown path for a member, an expired superadmin session and forged tokens", async () => {
    const member = await sessionFor(false);
    expect(await routedTo("/admin/users", { cookie: `${SESSION_COOKIE}=${member}` })).toBe(UNROUTED_PATH);
    const expired = await sessionFor(true, new Date(Date.now() - 1000));
    expect(await routedTo("/admin", { cookie: `${SESSION_COOKIE}=${expired}` })).toBe(UNROUTED_PATH);
    // NUL, bytes that are not UTF-8 and 10 kB never reach PostgreSQL (which refuses NUL with an error).
    const errors = vi.spyOn(console, "error");
    try {
      for (const forged of ["forged", "%00", `a%00${member}`, "%ff%fe", "a".repeat(10_000), `${member};x`]) {
        expect(await routedTo("/admin", { cookie: `${SESSION_COOKIE}=${forged}` }), forged.slice(0, 20)).toBe(UNROUTED_PATH);
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it("reaches the console for a live superadmin session, under either cookie name", async () => {
    const root = await sessionFor(true);
    expect(await routedTo("/admin/users?sort=email", { cookie: `${SESSION_COOKIE}=${root}` })).toBeNull();
    expect(await routedTo("/admin", { cookie: `${SECURE_SESSION_COOKIE}=${root}`, ...PREFETCH })).toBeNull();
    // Another user's expired superadmin session beside it changes nothing; its own does.
    const member = await sessionFor(false);
    expect(await routedTo("/admin", { cookie: `${SECURE_SESSION_COOKIE}=${member}; ${SESSION_COOKIE}=${root}` })).toBe(UNROUTED_PATH);
  });

  it("counts a failed session lookup as no superadmin (the console stays hidden, no 500)", async () => {
    const root = await sessionFor(true);
    const scopes = await import("@/db/scopes");
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const lookup = vi.spyOn(scopes, "withSystem").mockRejectedValueOnce(new Error("connection lost"));
    try {
      expect(await routedTo("/admin", { cookie: `${SESSION_COOKIE}=${root}` })).toBe(UNROUTED_PATH);
      expect(lookup).toHaveBeenCalled();
      // The operator's log says why the console stayed hidden for this superadmin.
      expect(spy).toHaveBeenCalledWith("Could not read the session for /admin:", expect.objectContaining({ message: "connection lost" }));
    } finally {
      lookup.mockRestore();
      spy.mockRestore();
    }
  });

  it("leaves every other path alone", async () => {
    expect(await routedTo("/t/acme/members?x=admin")).toBeNull();
    expect(await routedTo("/administrator")).toBeNull();
    expect(await routedTo("/t/admin")).toBeNull();
    expect(isAdminPath("/admin")).toBe(true);
    expect(isAdminPath("/admin/users")).toBe(true);
    expect(isAdminPath("/Admin")).toBe(false);
    expect(isAdminPath("/%ff/admin")).toBe(false);
    expect(isAdminPath("/")).toBe(false);
  });

  it("runs on every spelling of /admin that routes to the console, and on no other path", () => {
    for (const path of ["/admin", "/admin/users", "/admin/activity?q=x", "/%61dmin/users", "/adm%69n", "/%61%64%6d%69%6e/tenants", "/%61%64%6D%69%6E"]) {
      expect(isAdminPath(path.split("?")[0]!), path).toBe(true);
      expect(unstable_doesMiddlewareMatch({ config, url: path }), path).toBe(true);
    }
    for (const path of ["/", "/login", "/t/acme/members", "/t/admin", "/administrator", "/adminx/users", "/api/auth/session", "/_next/static/chunks/app.js"]) {
      expect(unstable_doesMiddlewareMatch({ config, url: path }), path).toBe(false);
    }
  });
});

/** The verdict header the page gets from proxy.ts (NextResponse.next hands request headers on as x-middleware-request-*), or null. */
async function verdictHandedOn(path: string, headers: Record<string, string> = {}): Promise<string | null> {
  const response = await proxy(new NextRequest(`http://tenantry.test${path}`, { headers }));
  const overridden = response.headers.get("x-middleware-override-headers")?.split(",") ?? [];
  // Next.js drops every request header missing from the override list.
  return overridden.includes(SUPERADMIN_VERDICT_HEADER) ? response.headers.get(`x-middleware-request-${SUPERADMIN_VERDICT_HEADER}`) : null;
}

// The console's layout reads no flag of its own, on the strength of this verdict (lib/platform-page.ts).
describe("proxy.ts's superadmin verdict for the console's layout", () => {
  it("is handed on for a live superadmin's /admin request", async () => {
    const root = await sessionFor(true);
    expect(await verdictHandedOn("/admin/users", { cookie: `${SESSION_COOKIE}=${root}` })).toBe("1");
  });

  it("a client's own verdict never gets through: signed out, a member, a superadmin's request outside /admin", async () => {
    const forged = { [SUPERADMIN_VERDICT_HEADER]: "1" };
    expect(await verdictHandedOn("/admin", forged)).toBeNull();
    const member = await sessionFor(false);
    expect(await verdictHandedOn("/admin/activity", { ...forged, cookie: `${SESSION_COOKIE}=${member}` })).toBeNull();
    const root = await sessionFor(true);
    expect(await verdictHandedOn("/t/acme/members", { ...forged, cookie: `${SESSION_COOKIE}=${root}` })).toBeNull();
  });

  it("a client's own verdict is removed from every request before Next.js sees it, where proxy.ts does not run too", () => {
    for (const path of ["/t/acme/members", "/admin", "/login", "/api/v1/members", "/_next/static/chunks/app.js"]) {
      const { request } = stamped(path, { headers: { [SUPERADMIN_VERDICT_HEADER]: "1" } });
      expect(request[SUPERADMIN_VERDICT_HEADER], path).toBeUndefined();
    }
  });
});

describe("the rewrite in the response", () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    // Stands in for Next.js: sets the rewrite headers it sets after a proxy rewrite to the path given.
    const handle = async (request: IncomingMessage, response: ServerResponse) => {
      const query = new URL(request.url!, "http://x").searchParams;
      const target = query.get("rewrite");
      // Next.js's client-router header without a proxy rewrite (as for a rewrite of next.config).
      const pathOnly = query.get("rewritten-path");
      if (pathOnly) response.setHeader("x-nextjs-rewritten-path", pathOnly);
      if (target) {
        response.setHeader("x-middleware-rewrite", target);
        response.setHeader("x-nextjs-rewritten-path", target.split("?")[0]!);
        response.setHeader("x-nextjs-rewritten-query", "q=1");
      }
      response.statusCode = 404;
      response.end("Not found");
    };
    server = http.createServer(createRequestListener(handle, parseTrustedProxies(undefined)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const rewriteHeaders = async (target: string) => {
    const response = await fetch(`${base}/admin?rewrite=${encodeURIComponent(target)}`);
    return ["x-middleware-rewrite", "x-nextjs-rewritten-path", "x-nextjs-rewritten-query"].map((name) => response.headers.get(name));
  };

  it("is removed when it names the unrouted path, relative or absolute, query or not", async () => {
    expect(await rewriteHeaders(UNROUTED_PATH)).toEqual([null, null, null]);
    expect(await rewriteHeaders(`${UNROUTED_PATH}?_rsc=abc`)).toEqual([null, null, null]);
    expect(await rewriteHeaders(`http://localhost:3000${UNROUTED_PATH}?sort=email`)).toEqual([null, null, null]);
    // Below it, relative or absolute (a trailing slash included).
    expect(await rewriteHeaders(`${UNROUTED_PATH}/deeper`)).toEqual([null, null, null]);
    expect(await rewriteHeaders(`http://localhost:3000${UNROUTED_PATH}/`)).toEqual([null, null, null]);
  });

  it("is kept for any other rewrite", async () => {
    expect(await rewriteHeaders("/elsewhere")).toEqual(["/elsewhere", "/elsewhere", "q=1"]);
    expect(await rewriteHeaders(`${UNROUTED_PATH}-not`)).toEqual([`${UNROUTED_PATH}-not`, `${UNROUTED_PATH}-not`, "q=1"]);
  });

  it("leaves a response without a proxy rewrite as it is", async () => {
    const response = await fetch(`${base}/elsewhere?rewritten-path=${encodeURIComponent("/t/acme")}`);
    expect(response.headers.get("x-nextjs-rewritten-path")).toBe("/t/acme");
  });
});
