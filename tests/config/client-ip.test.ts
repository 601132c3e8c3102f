// Attack: a client sets X-Forwarded-For itself. Behind server.ts (lib/request-listener.ts) the
// address the app sees is the socket's peer unless TRUSTED_PROXIES names that peer as a proxy, so a
// forged header neither spreads one client over many per-IP rate-limit buckets nor lands in the
// activity log. The requests below go through a real HTTP server and the real listener; only the
// Next.js handler is replaced by the code a page or action would run.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity } from "@/db/schema";
import { clientIp } from "@/lib/client-ip";
import { createRequestListener } from "@/lib/request-listener";
import { allowPasswordAttempt, PASSWORD_LIMITS } from "@/lib/sign-in-limits";
import { parseTrustedProxies } from "@/lib/trusted-proxies";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { inOneRateLimitWindow } from "../support/rate-limit-window";
import { actingAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));

const { updateGeneralSettings } = await import("@/app/t/[slug]/settings/actions");

type Work = (request: IncomingMessage) => Promise<unknown>;

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server running `work` for each request as server.ts would run Next.js; answers its JSON result. */
async function serve(work: Work, trustedProxies?: string): Promise<string> {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const result = await work(request);
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result ?? null));
  };
  const server = http.createServer(createRequestListener(handle, parseTrustedProxies(trustedProxies)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  return response.json();
}

const forged = (i: number) => ({ "x-forwarded-for": `203.0.113.${i % 250}, 198.51.100.${i % 250}`, "x-real-ip": `192.0.2.${i % 250}` });

describe("client IP behind server.ts", () => {
  it("is the socket's address whatever X-Forwarded-For and X-Real-IP say", async () => {
    const url = await serve(() => clientIp());
    expect(await get(url, forged(7))).toBe("127.0.0.1");
    expect(await get(url)).toBe("127.0.0.1");
  });

  it("a forged X-Forwarded-For on every attempt does not escape the per-IP password limit", async () => {
    const url = await serve(async () => {
      const ip = await clientIp();
      // Distinct accounts, so only the per-IP limit can refuse.
      const allowed = await withSystem((tx) => allowPasswordAttempt(tx, `spray-${uniqueSuffix()}@example.test`, ip));
      return { ip, allowed };
    });
    await inOneRateLimitWindow(async () => {
      const results = [];
      for (let i = 0; i <= PASSWORD_LIMITS.perIp.limit; i++) results.push((await get(url, forged(i))) as { ip: string; allowed: boolean });
      expect(new Set(results.map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
      expect(results.at(-1)!.allowed).toBe(false);
    });
  });

  it("records the socket's address, not the forged one, in the activity log", async () => {
    const tenant = await createTenant("forged-ip");
    const admin = await createUser("admin");
    await addMember(tenant.id, admin.id, ["admin"]);
    const url = await serve(() =>
      actingAs(admin, () => updateGeneralSettings(tenant.slug, null, { name: `Renamed ${uniqueSuffix()}`, contactEmail: "" })),
    );
    expect(await get(url, forged(9))).toMatchObject({ ok: true });
    const [entry] = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select({ ip: activity.ip }).from(activity)
        .where(and(eq(activity.tenantId, tenant.id), eq(activity.action, "tenant.settings_updated")))
        .orderBy(desc(activity.createdAt)).limit(1),
    );
    expect(entry?.ip).toBe("127.0.0.1");
  });

  it("with TRUSTED_PROXIES, takes the address the trusted proxy forwarded (and only that hop's)", async () => {
    const headers = { "x-forwarded-for": "203.0.113.1, 198.51.100.23" };
    // One hop: the socket's peer is the proxy; the last entry is what it saw.
    expect(await get(await serve(() => clientIp(), "1"), headers)).toBe("198.51.100.23");
    // By address: the same, because the peer (127.0.0.1) is listed.
    expect(await get(await serve(() => clientIp(), "127.0.0.1/8, ::1"), headers)).toBe("198.51.100.23");
    // Two hops trusts the next entry too.
    expect(await get(await serve(() => clientIp(), "2"), headers)).toBe("203.0.113.1");
    // A peer that is not listed is the client, whatever it forwards.
    expect(await get(await serve(() => clientIp(), "10.0.0.0/8"), headers)).toBe("127.0.0.1");
  });

  it("refuses a TRUSTED_PROXIES value it cannot read", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, not-an-address")).toThrow(/TRUSTED_PROXIES/);
  });
});
