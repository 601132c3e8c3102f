// API keys, attacked: create and revoke × every kind of caller, another tenant's key ids, the raw
// table searched for the key, and the bearer check of the API itself: a revoked or expired key is
// refused on its next request, a key reaches only its own tenant, a role short of the permission gets
// 403, and the key's row is found only by its hash (row-level security).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import * as scopes from "@/db/scopes";
import { withApiKeyLookup, withSystem, withTenant } from "@/db/scopes";
import { activity, apiKeys, type MemberRole } from "@/db/schema";
import { hashApiKey, API_KEY_PATTERN } from "@/lib/api-keys/api-key";
import { authorizeApiRequest } from "@/lib/api/api-caller";
import { runWithClientAddress } from "@/lib/request-address";
import { runAdminCommand } from "@/lib/admin-commands";
import { adminOnlyMatrix, adminOnlyWorld, type MatrixWorld } from "../support/admin-only-matrix";
import { uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createApiKey, revokeApiKey } = await import("@/app/t/[slug]/api-keys/actions");
const { GET: getTenant } = await import("@/app/api/v1/tenant/route");
const { registeredActions } = await import("@/lib/actions/core");

type User = { id: string; email: string };
let world: MatrixWorld;

const keysOf = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)));
const keyById = async (tenantId: string, id: string) => (await keysOf(tenantId)).find((key) => key.id === id) ?? null;

async function snapshot(tenantId: string) {
  const [entries] = await withTenant({ tenantId, userId: null }, (tx) => tx.select({ value: count() }).from(activity).where(eq(activity.tenantId, tenantId)));
  return { keys: (await keysOf(tenantId)).sort((x, y) => x.id.localeCompare(y.id)), activityEntries: entries?.value };
}

/** A key created by the tenant's Admin through the action. */
async function seedKey(slug: string, admin: User, role: MemberRole = "viewer", expires?: string) {
  const result = await actingAs(admin, () => createApiKey(slug, null, { name: `key-${uniqueSuffix()}`, role, expires }));
  if (!result.ok) throw new Error(`setup: ${result.message}`);
  return result.data;
}

const apiRequest = (key: string | null, scheme = "Bearer") =>
  new Request("http://localhost/api/v1/tenant", { headers: key === null ? {} : { authorization: `${scheme} ${key}` } });

beforeAll(async () => {
  world = await adminOnlyWorld();
});

const ACTIONS = {
  "api_key.create": {
    prepare: async () => ({ id: "", name: `new-${uniqueSuffix()}` }),
    call: (slug: string, t: { name: string }) => createApiKey(slug, null, { name: t.name, role: "editor", expires: "" }),
    async succeeded(t: { name: string }) {
      expect((await keysOf(world.a.id)).find((key) => key.name === t.name)).toMatchObject({ role: "editor", expiresAt: null, revokedAt: null });
    },
  },
  "api_key.revoke": {
    prepare: () => seedKey(world.a.slug, world.adminA),
    call: (slug: string, t: { id: string }) => revokeApiKey(slug, null, { apiKeyId: t.id }),
    async succeeded(t: { id: string }) {
      expect((await keyById(world.a.id, t.id))?.revokedAt).toBeInstanceOf(Date);
    },
  },
};

describe("API keys actions × callers", () => {
  it("covers every API key action there is, each needing api_keys.manage", () => {
    const registered = [...registeredActions.keys()].filter((name) => name.startsWith("api_key."));
    expect(registered.sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const name of registered) expect(registeredActions.get(name)).toEqual({ scope: "tenant", permission: "api_keys.manage" });
  });

  adminOnlyMatrix({ world: () => world, actions: ACTIONS, snapshot });
});

describe("creating a key", () => {
  it("shows the key once, stores only its hash, and logs neither", async () => {
    const created = await seedKey(world.a.slug, world.adminA, "admin");
    expect(created.key).toMatch(API_KEY_PATTERN);
    const raw = JSON.stringify(await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.execute(sql`select k::text as row from api_keys k`)));
    expect(raw).toContain(created.id);
    expect(raw).toContain(hashApiKey(created.key));
    expect(raw).not.toContain(created.key.slice(4));
    const log = JSON.stringify(await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.targetId, created.id))));
    expect(log).toContain("api_key.created");
    expect(log).not.toContain(created.key.slice(4));
    expect(log).not.toContain(hashApiKey(created.key));
  });

  it("logs who created which key, with its role and expiry (none for a key that does not expire)", async () => {
    const entryOf = async (id: string) =>
      (await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.targetId, id))))[0];
    const expiring = await seedKey(world.a.slug, world.adminA, "editor", "2099-01-01");
    expect(await entryOf(expiring.id)).toMatchObject({
      action: "api_key.created",
      targetType: "api_key",
      summary: `${world.adminA.email} created the API key ${expiring.name} (Editor)`,
      details: { name: expiring.name, role: "editor", expiresAt: "2099-01-01T00:00:00.000Z" },
    });
    const lasting = await seedKey(world.a.slug, world.adminA, "viewer");
    expect((await entryOf(lasting.id))?.details).toEqual({ name: lasting.name, role: "viewer", expiresAt: null });
  });

  it("refuses a past or malformed expiry and an unknown role next to the field, changing nothing", async () => {
    const before = await snapshot(world.a.id);
    const past = await actingAs(world.adminA, () => createApiKey(world.a.slug, null, { name: "Old", role: "viewer", expires: "2020-01-01" }));
    expect(past).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { expires: ["Choose a day after today."] } });
    const malformed = await actingAs(world.adminA, () => createApiKey(world.a.slug, null, { name: "Odd", role: "viewer", expires: "2030-02-30" }));
    expect(malformed).toMatchObject({ ok: false, fieldErrors: { expires: ["Enter a date like 2030-12-31."] } });
    const role = await actingAs(world.adminA, () => createApiKey(world.a.slug, null, { name: "Root", role: "superadmin" }));
    expect(role).toMatchObject({ ok: false, fieldErrors: { role: ["Choose Viewer, Editor or Admin."] } });
    expect(await snapshot(world.a.id)).toEqual(before);
  });
});

describe("another tenant's keys", () => {
  it("A's Admin cannot revoke B's key by its id (not found), and B's key keeps working", async () => {
    const victim = await seedKey(world.b.slug, world.adminB);
    const [beforeA, beforeB] = [await snapshot(world.a.id), await snapshot(world.b.id)];
    for (const slug of [world.a.slug, world.b.slug]) {
      expect(await actingAs(world.adminA, () => revokeApiKey(slug, null, { apiKeyId: victim.id }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await snapshot(world.a.id)).toEqual(beforeA);
    expect(await snapshot(world.b.id)).toEqual(beforeB);
    expect(await authorizeApiRequest(apiRequest(victim.key), "tenant.read")).toMatchObject({ tenantId: world.b.id });
  });

  it("answers NOT_FOUND for ids that are not ids at all", async () => {
    const before = await snapshot(world.a.id);
    for (const apiKeyId of ["", "not-a-uuid", randomUUID(), "' or 1=1 --"]) {
      expect(await actingAs(world.adminA, () => revokeApiKey(world.a.slug, null, { apiKeyId })), apiKeyId).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await snapshot(world.a.id)).toEqual(before);
  });

  it("row-level security: no scope without a tenant sees a key; the lookup scope sees only the key it names, read-only", async () => {
    const [mine, theirs] = [await seedKey(world.a.slug, world.adminA), await seedKey(world.b.slug, world.adminB)];
    expect(await withSystem((tx) => tx.select({ id: apiKeys.id }).from(apiKeys))).toEqual([]);
    const seen = await withApiKeyLookup(hashApiKey(mine.key), (tx) => tx.select({ id: apiKeys.id }).from(apiKeys));
    expect(seen).toEqual([{ id: mine.id }]);
    // The lookup can neither change nor revoke the row it sees, nor anything else.
    await withApiKeyLookup(hashApiKey(mine.key), async (tx) => {
      await tx.update(apiKeys).set({ role: "admin" }).where(eq(apiKeys.id, mine.id));
      await tx.delete(apiKeys);
    });
    expect((await keyById(world.a.id, mine.id))?.role).toBe("viewer");
    expect(await withApiKeyLookup("", (tx) => tx.select({ id: apiKeys.id }).from(apiKeys))).toEqual([]);
    // Tenant A's scope sees none of B's keys.
    const fromA = await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, theirs.id)));
    expect(fromA).toEqual([]);
  });
});

describe("the API's bearer check", () => {
  it("resolves a key to its own tenant and role, and records when and from where it was used", async () => {
    const created = await seedKey(world.a.slug, world.adminA, "editor");
    const caller = await runWithClientAddress("203.0.113.9", () => authorizeApiRequest(apiRequest(created.key), "flows.write"));
    expect(caller).toEqual({ tenantId: world.a.id, keyId: created.id, keyName: expect.any(String), integration: false, roles: ["editor"], viewersSeeDashboardsOnly: false, rateLimitHeaders: {} });
    const row = await keyById(world.a.id, created.id);
    expect(row?.lastUsedIp).toBe("203.0.113.9");
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("answers 403 problem+json when the key's role lacks the permission", async () => {
    const created = await seedKey(world.a.slug, world.adminA, "viewer");
    const answer = await authorizeApiRequest(apiRequest(created.key), "settings.manage");
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(403);
    expect((answer as Response).headers.get("content-type")).toBe("application/problem+json");
    expect(await (answer as Response).json()).toEqual({ type: "about:blank", status: 403, title: "Forbidden", detail: "The API key's role does not allow this." });
  });

  it("refuses a missing, malformed, unknown, revoked or expired key with 401 problem+json", async () => {
    const revoked = await seedKey(world.a.slug, world.adminA);
    expect(await actingAs(world.adminA, () => revokeApiKey(world.a.slug, null, { apiKeyId: revoked.id }))).toMatchObject({ ok: true });
    const expired = await seedKey(world.a.slug, world.adminA, "admin", "2099-01-01");
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expired.id)));
    const cases: [string, Request, boolean][] = [
      ["no header", apiRequest(null), false],
      ["another scheme", apiRequest(revoked.key, "Basic"), false],
      ["not a key", apiRequest("tnt_short"), true],
      ["unknown key", apiRequest(`tnt_${"A".repeat(43)}`), true],
      ["a key's hash instead of the key", apiRequest(hashApiKey(revoked.key)), true],
      ["revoked key", apiRequest(revoked.key), true],
      ["expired key", apiRequest(expired.key), true],
    ];
    for (const [label, request, presented] of cases) {
      const answer = await authorizeApiRequest(request, "tenant.read");
      expect(answer, label).toBeInstanceOf(Response);
      const response = answer as Response;
      expect(response.status, label).toBe(401);
      expect(response.headers.get("content-type"), label).toBe("application/problem+json");
      expect(response.headers.get("www-authenticate"), label).toBe(presented ? 'Bearer realm="tenantry", error="invalid_token"' : 'Bearer realm="tenantry"');
      expect(await response.json(), label).toEqual({
        type: "about:blank",
        status: 401,
        title: "Unauthorized",
        detail: presented ? "The API key is not valid: it may be mistyped, revoked or expired." : "Send an API key: Authorization: Bearer <key>.",
      });
      // No cache (a shared one included) keeps an answer about a key.
      expect(response.headers.get("cache-control"), label).toBe("no-store");
    }
    // A refused key's last use is not recorded.
    expect((await keyById(world.a.id, revoked.id))?.lastUsedAt).toBeNull();
  });

  it("refuses a string that cannot be a key without looking it up (a flood of long junk never reaches the database)", async () => {
    const lookup = vi.spyOn(scopes, "withApiKeyLookup");
    try {
      for (const junk of ["tnt_short", `tnt_${"A".repeat(10_000)}`, `tnt_${"A".repeat(42)}!`]) {
        expect(((await authorizeApiRequest(apiRequest(junk), "tenant.read")) as Response).status, junk.slice(0, 20)).toBe(401);
      }
      expect(lookup).not.toHaveBeenCalled();
    } finally {
      lookup.mockRestore();
    }
  });

  it("GET /api/v1/tenant answers the key's tenant, and 401 on the request after the key is revoked", async () => {
    const created = await seedKey(world.b.slug, world.adminB);
    const first = await getTenant(apiRequest(created.key));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ id: world.b.id, slug: world.b.slug, name: world.b.name });
    expect(await actingAs(world.adminB, () => revokeApiKey(world.b.slug, null, { apiKeyId: created.id }))).toMatchObject({ ok: true });
    const next = await getTenant(apiRequest(created.key));
    expect(next.status).toBe(401);
    expect(JSON.stringify(await next.json())).not.toContain(world.b.slug);
  });
});

describe("npm run admin -- create-api-key", () => {
  it("prints a working key alone on the last line, and records who created it in the tenant's log", async () => {
    const result = await runAdminCommand(["create-api-key", "--tenant", world.a.slug, "--role", "admin", "--name", "Deploy bot"]);
    expect(result.exitCode).toBe(0);
    const key = result.message.split("\n").at(-1)!;
    expect(key).toMatch(API_KEY_PATTERN);
    const caller = await authorizeApiRequest(apiRequest(key), "settings.manage");
    expect(caller).toMatchObject({ tenantId: world.a.id, keyName: "Deploy bot", roles: ["admin"] });
    const entries = await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.select().from(activity).where(eq(activity.targetId, (caller as { keyId: string }).keyId)),
    );
    expect(entries).toMatchObject([{ action: "api_key.created", actorUserId: null }]);
    expect(JSON.stringify(entries)).not.toContain(key.slice(4));
  });

  it("refuses an unknown tenant, a bad role, a missing name and unknown options, creating nothing", async () => {
    const before = await snapshot(world.a.id);
    for (const args of [
      ["--tenant", "no-such-tenant-here", "--role", "admin", "--name", "x"],
      ["--tenant", world.a.slug, "--role", "owner", "--name", "x"],
      ["--tenant", world.a.slug, "--role", "admin"],
      ["--tenant", world.a.slug, "--role", "admin", "--name", "x", "--forever"],
    ]) {
      expect(await runAdminCommand(["create-api-key", ...args]), args.join(" ")).toMatchObject({ exitCode: 1 });
    }
    expect(await snapshot(world.a.id)).toEqual(before);
  });
});
