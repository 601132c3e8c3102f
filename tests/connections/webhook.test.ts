// An incoming webhook: its URL (with an unguessable token) accepts a POST while the connection is not
// inactive, recording the time and an entry; an inactive connection refuses (403); a wrong token,
// another tenant's id in the path, another connector's id or malformed ids are "not found" alike.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTwoTenants } from "../support/fixtures";
import { actingAs } from "../support/session";
import { connectionRow, entriesOf, httpApiFields, secretsOf, seedConnection } from "./connections-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));

const { createConnection, deactivateConnection, activateConnection } = await import("@/app/t/[slug]/connections/actions");
const { POST } = await import("@/app/api/webhooks/[tenantId]/[connectionId]/[token]/route");
const { WEBHOOK_REQUESTS_PER_MINUTE } = await import("@/lib/connections/webhook-rate-limit");

let world: Awaited<ReturnType<typeof createTwoTenants>>;

async function post(path: { tenantId: string; connectionId: string; token: string }) {
  const request = new Request(`http://localhost/api/webhooks/${path.tenantId}/${path.connectionId}/${path.token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"event":"order.created"}',
  });
  return POST(request, { params: Promise.resolve(path) });
}

async function seedHook(tenant: "a" | "b" = "a") {
  const connection = await seedConnection(createConnection, world[tenant].slug, tenant === "a" ? world.adminA : world.adminB);
  const row = (await connectionRow(world[tenant].id, connection.id))!;
  return { ...connection, tenantId: world[tenant].id, token: secretsOf(row).webhookToken! };
}

beforeAll(async () => {
  world = await createTwoTenants();
});

describe("incoming webhook", () => {
  it("gets a long random token of its own", async () => {
    const [one, two] = [await seedHook(), await seedHook()];
    expect(one.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(one.token).not.toBe(two.token);
  });

  it("accepts a POST with its token: 202, last received set, an entry in the tenant's log", async () => {
    const hook = await seedHook();
    const response = await post({ tenantId: hook.tenantId, connectionId: hook.id, token: hook.token });
    expect(response.status).toBe(202);
    expect((await connectionRow(world.a.id, hook.id))?.lastReceivedAt).toBeInstanceOf(Date);
    const entries = (await entriesOf(world.a.id, "connection.webhook_received")).filter((entry) => entry.targetId === hook.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: null, actorEmail: `Incoming webhook ${hook.name}`, details: expect.objectContaining({ contentType: "application/json" }) });
    expect(JSON.stringify(entries)).not.toContain(hook.token);
  });

  it("refuses posts while the connection is inactive (403, nothing recorded), and accepts them again once active", async () => {
    const hook = await seedHook();
    await actingAs(world.adminA, () => deactivateConnection(world.a.slug, null, { connectionId: hook.id }));
    expect((await post({ tenantId: hook.tenantId, connectionId: hook.id, token: hook.token })).status).toBe(403);
    expect((await connectionRow(world.a.id, hook.id))?.lastReceivedAt).toBeNull();
    expect((await entriesOf(world.a.id, "connection.webhook_received")).filter((entry) => entry.targetId === hook.id)).toEqual([]);
    await actingAs(world.adminA, () => activateConnection(world.a.slug, null, { connectionId: hook.id }));
    expect((await post({ tenantId: hook.tenantId, connectionId: hook.id, token: hook.token })).status).toBe(202);
  });

  it("answers 404, recording nothing, for a wrong token, another tenant's id, another connector or malformed ids", async () => {
    const hookA = await seedHook("a");
    const hookB = await seedHook("b");
    const api = await seedConnection(createConnection, world.a.slug, world.adminA, httpApiFields());
    const attempts = [
      { tenantId: hookA.tenantId, connectionId: hookA.id, token: hookB.token },
      { tenantId: hookA.tenantId, connectionId: hookA.id, token: `${hookA.token}x` },
      { tenantId: hookA.tenantId, connectionId: hookA.id, token: "" },
      // B's connection named under A's tenant id (and the other way round), with its right token.
      { tenantId: world.a.id, connectionId: hookB.id, token: hookB.token },
      { tenantId: world.b.id, connectionId: hookA.id, token: hookA.token },
      { tenantId: world.a.id, connectionId: api.id, token: hookA.token },
      { tenantId: "not-a-uuid", connectionId: hookA.id, token: hookA.token },
      { tenantId: randomUUID(), connectionId: randomUUID(), token: hookA.token },
    ];
    for (const attempt of attempts) {
      const response = await post(attempt);
      expect(response.status, JSON.stringify(attempt)).toBe(404);
    }
    expect((await connectionRow(world.a.id, hookA.id))?.lastReceivedAt).toBeNull();
    expect((await connectionRow(world.b.id, hookB.id))?.lastReceivedAt).toBeNull();
  });

  it(`takes at most ${WEBHOOK_REQUESTS_PER_MINUTE} POSTs a minute per connection: then 429 with Retry-After, nothing recorded, other connections unaffected`, async () => {
    const [hook, other] = [await seedHook(), await seedHook()];
    const path = { tenantId: hook.tenantId, connectionId: hook.id, token: hook.token };
    // Wrong tokens first: they are not counted, so they cannot use up the real sender's allowance.
    for (let i = 0; i < 5; i++) expect((await post({ ...path, token: `${hook.token}x` })).status).toBe(404);
    const started = Date.now();
    for (let i = 0; i < WEBHOOK_REQUESTS_PER_MINUTE; i++) expect((await post(path)).status, `POST ${i + 1}`).toBe(202);
    // The allowance refills at one a second (GCRA), so a slow run may see a few more accepted before the refusal.
    let accepted = WEBHOOK_REQUESTS_PER_MINUTE;
    let refused = await post(path);
    while (refused.status === 202 && accepted < WEBHOOK_REQUESTS_PER_MINUTE + 30) {
      accepted++;
      refused = await post(path);
    }
    expect(refused.status).toBe(429);
    expect(accepted - WEBHOOK_REQUESTS_PER_MINUTE).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 1);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ status: 429, title: "Too Many Requests" });
    const received = (await entriesOf(world.a.id, "connection.webhook_received")).filter((entry) => entry.targetId === hook.id);
    expect(received).toHaveLength(accepted);
    expect((await post({ tenantId: other.tenantId, connectionId: other.id, token: other.token })).status).toBe(202);
  });
});
