// Attack: a signed-out visitor or an ordinary member probes /admin/… (page loads, RSC and prefetch
// requests) to learn that a superadmin console exists. Before Next.js sees such a request, server.ts
// points it at a path no route matches, so Next answers exactly as for any unknown path; only a
// live superadmin session reaches the console. The requests go through the real listener; the
// Next.js handler is replaced by one that answers the URL it was given.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSystem } from "@/db/scopes";
import { insertSession } from "@/db/queries/sessions";
import { UNROUTED_SEGMENT, unroutedAdminUrl } from "@/lib/admin-concealment";
import { createRequestListener } from "@/lib/request-listener";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/session-cookie-names";
import { parseTrustedProxies } from "@/lib/trusted-proxies";
import { createUser } from "../support/fixtures";

let server: http.Server;
let base: string;

beforeAll(async () => {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { "content-type": "text/plain" }).end(request.url);
  };
  server = http.createServer(createRequestListener(handle, parseTrustedProxies(undefined)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function sessionFor(isSuperadmin: boolean, expires = new Date(Date.now() + 3_600_000)): Promise<string> {
  const user = await createUser(isSuperadmin ? "root" : "member", { isSuperadmin });
  const sessionToken = randomBytes(24).toString("hex");
  await withSystem((tx) => insertSession(tx, { sessionToken, userId: user.id, expires, authMethod: "magic_link" }));
  return sessionToken;
}

/** The URL Next.js would have been handed for this request. */
async function seenUrl(path: string, headers: Record<string, string> = {}): Promise<string> {
  return (await fetch(`${base}${path}`, { headers, redirect: "manual" })).text();
}

describe("/admin for anyone but a superadmin", () => {
  const RSC_PREFETCH = { rsc: "1", "next-router-prefetch": "1" };

  it("reaches Next.js as an unknown path: signed out, page, RSC and prefetch requests", async () => {
    expect(await seenUrl("/admin")).toBe(`/${UNROUTED_SEGMENT}`);
    expect(await seenUrl("/admin/users?sort=email")).toBe(`/${UNROUTED_SEGMENT}/users?sort=email`);
    expect(await seenUrl("/admin/activity", { rsc: "1" })).toBe(`/${UNROUTED_SEGMENT}/activity`);
    expect(await seenUrl("/admin?_rsc=abc", RSC_PREFETCH)).toBe(`/${UNROUTED_SEGMENT}?_rsc=abc`);
    // Spellings that route to /admin all the same.
    expect(await seenUrl("/%61dmin/users")).toBe(`/${UNROUTED_SEGMENT}/users`);
    expect(await seenUrl("//admin")).toBe(`/${UNROUTED_SEGMENT}`);
  });

  it("reaches Next.js as an unknown path for a member, an expired superadmin session and a forged token", async () => {
    const member = await sessionFor(false);
    expect(await seenUrl("/admin/users", { cookie: `${SESSION_COOKIE}=${member}` })).toBe(`/${UNROUTED_SEGMENT}/users`);
    const expired = await sessionFor(true, new Date(Date.now() - 1000));
    expect(await seenUrl("/admin", { cookie: `${SESSION_COOKIE}=${expired}` })).toBe(`/${UNROUTED_SEGMENT}`);
    expect(await seenUrl("/admin", { cookie: `${SESSION_COOKIE}=forged` })).toBe(`/${UNROUTED_SEGMENT}`);
  });

  it("reaches the console for a live superadmin session, under either cookie name", async () => {
    const root = await sessionFor(true);
    expect(await seenUrl("/admin/users?sort=email", { cookie: `${SESSION_COOKIE}=${root}` })).toBe("/admin/users?sort=email");
    expect(await seenUrl("/admin", { cookie: `${SECURE_SESSION_COOKIE}=${root}`, ...RSC_PREFETCH })).toBe("/admin");
  });

  it("leaves every other path alone", async () => {
    expect(await seenUrl("/t/acme/members?x=admin")).toBe("/t/acme/members?x=admin");
    expect(await seenUrl("/administrator")).toBe("/administrator");
    expect(unroutedAdminUrl("/t/admin")).toBeNull();
    // Next redirects a trailing slash away before routing, as for any unknown path; the redirect comes back here.
    expect(unroutedAdminUrl("/admin/")).toBeNull();
  });
});
