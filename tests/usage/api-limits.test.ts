// The API's rate limits through the real route handler (GET /api/v1/tenant): 429 with Retry-After and
// the RateLimit headers after a tenant's N requests, one tenant's limit spends nothing of another's,
// the platform-wide limit is shared by all tenants, a refused request is neither metered nor spends
// the allowance, and only superadmins set the limits.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { withPlatform, withSystem, withTenant } from "@/db/scopes";
import { activity, apiRateLimits, platformActivity, tenantUsage, tenants } from "@/db/schema";
import { addMember, createTwoTenants, createUser, databaseErrorOf } from "../support/fixtures";
import { actingAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createApiKey, revokeApiKey } = await import("@/app/t/[slug]/api-keys/actions");
const { GET: getTenant } = await import("@/app/api/v1/tenant/route");
const { GET: listMembers } = await import("@/app/api/v1/members/route");
const { POST: createFlowByApi } = await import("@/app/api/v1/flows/route");
const { authorizeApiRequest } = await import("@/lib/api/api-caller");
const { setTenantApiLimit, setPlatformApiLimitAction } = await import("@/app/admin/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;

async function keyFor(slug: string, admin: User) {
  const result = await actingAs(admin, () => createApiKey(slug, null, { name: `key-${Math.random()}`, role: "viewer" }));
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

const call = (key: string) => getTenant(new Request("http://localhost/api/v1/tenant", { headers: { authorization: `Bearer ${key}` } }));
const statuses = async (key: string, count: number) => {
  const answers: number[] = [];
  for (let index = 0; index < count; index++) answers.push((await call(key)).status);
  return answers;
};
const apiRequestsToday = async (tenantId: string) => {
  const [row] = await withTenant({ tenantId, userId: null }, (tx) =>
    tx
      .select({ value: tenantUsage.apiRequests })
      .from(tenantUsage)
      .where(and(eq(tenantUsage.tenantId, tenantId), eq(tenantUsage.day, sql`(now() at time zone 'utc')::date`))),
  );
  return row?.value ?? 0;
};

const setTenantLimit = async (tenantId: string, limit: number | "") =>
  expect(await actingAs(root, () => setTenantApiLimit(null, { tenantId, apiRequestsPerMinute: String(limit) }))).toMatchObject({ ok: true });
const setPlatformLimit = async (limit: number | "") =>
  expect(await actingAs(root, () => setPlatformApiLimitAction(null, { apiRequestsPerMinute: String(limit) }))).toMatchObject({ ok: true });

beforeEach(async () => {
  // A fresh pair of tenants per test, and no platform limit left over from the test before.
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
  await setPlatformLimit("");
  // The limiter's rows are global: none of the test before may be left to count here.
  await withSystem((tx) => tx.delete(apiRateLimits));
});

describe("a tenant's API limit", () => {
  it("answers 429 with Retry-After and RateLimit headers after N requests, and counts only the admitted ones", async () => {
    await setTenantLimit(world.a.id, 3);
    const { key } = await keyFor(world.a.slug, world.adminA);
    const admitted = await call(key);
    expect(admitted.status).toBe(200);
    expect(await statuses(key, 2)).toEqual([200, 200]);
    const refused = await call(key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refused.headers.get("retry-after"));
    // 3 per minute: a slot every 20 s, minus the moments the requests took.
    expect(retryAfter).toBeGreaterThanOrEqual(15);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(refused.headers.get("ratelimit-policy")).toBe('"tenant";q=3;w=60');
    expect(refused.headers.get("ratelimit")).toMatch(/^"tenant";r=0;t=(59|60)$/);
    expect(await refused.json()).toMatchObject({
      status: 429,
      title: "Too Many Requests",
      detail: expect.stringContaining("This tenant's API limit of 3 requests per minute is used up."),
    });
    expect(await statuses(key, 2)).toEqual([429, 429]);
    expect(await apiRequestsToday(world.a.id)).toBe(3);
  });

  it("hands the admitted request's RateLimit headers to the route: what remains, and when the quota is whole again", async () => {
    await setTenantLimit(world.a.id, 5);
    await setPlatformLimit(100);
    const { key } = await keyFor(world.a.slug, world.adminA);
    const request = () => new Request("http://localhost/api/v1/tenant", { headers: { authorization: `Bearer ${key}` } });
    const first = await authorizeApiRequest(request(), "tenant.read");
    // RateLimit tells the tighter of the two: the tenant's 4 left, not the platform's 99.
    expect(first).toMatchObject({
      rateLimitHeaders: { "ratelimit-policy": '"platform";q=100;w=60, "tenant";q=5;w=60', ratelimit: '"tenant";r=4;t=12' },
    });
    const second = await authorizeApiRequest(request(), "tenant.read");
    expect(second).toMatchObject({ rateLimitHeaders: { ratelimit: expect.stringMatching(/^"tenant";r=3;t=2[34]$/) } });
    // A refusal for the role (403) still spent a request: it was answered.
    expect(((await authorizeApiRequest(request(), "members.manage")) as Response).status).toBe(403);
    expect(await apiRequestsToday(world.a.id)).toBe(3);
  });

  it("sends the admitted request's RateLimit headers with every route's answer: reads, writes and refused writes", async () => {
    await setTenantLimit(world.a.id, 5);
    const viewer = await keyFor(world.a.slug, world.adminA);
    const editor = await actingAs(world.adminA, () => createApiKey(world.a.slug, null, { name: "limits-editor", role: "editor" }));
    if (!editor.ok) throw new Error(editor.message);
    const headers = (key: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
    const answers = [
      await getTenant(new Request("http://localhost/api/v1/tenant", { headers: headers(viewer.key) })),
      await listMembers(new Request("http://localhost/api/v1/members", { headers: headers(viewer.key) })),
      await createFlowByApi(new Request("http://localhost/api/v1/flows", { method: "POST", headers: headers(editor.data.key), body: JSON.stringify({ name: "Paced", steps: ["validate"] }) })),
      // A refused write (a name the form refuses) still tells the client its pace.
      await createFlowByApi(new Request("http://localhost/api/v1/flows", { method: "POST", headers: headers(editor.data.key), body: JSON.stringify({ name: "", steps: ["validate"] }) })),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 201, 422]);
    expect(answers.map((answer) => answer.headers.get("ratelimit"))).toEqual([
      expect.stringMatching(/^"tenant";r=4;/),
      expect.stringMatching(/^"tenant";r=3;/),
      expect.stringMatching(/^"tenant";r=2;/),
      expect.stringMatching(/^"tenant";r=1;/),
    ]);
    expect(answers.every((answer) => answer.headers.get("ratelimit-policy") === '"tenant";q=5;w=60')).toBe(true);
  });

  it("does not spend another tenant's allowance, nor the tenant's own for a revoked key", async () => {
    await setTenantLimit(world.a.id, 2);
    await setTenantLimit(world.b.id, 2);
    const [keyA, keyB, revoked] = [await keyFor(world.a.slug, world.adminA), await keyFor(world.b.slug, world.adminB), await keyFor(world.b.slug, world.adminB)];
    expect(await actingAs(world.adminB, () => revokeApiKey(world.b.slug, null, { apiKeyId: revoked.id }))).toMatchObject({ ok: true });
    expect(await statuses(keyA.key, 3)).toEqual([200, 200, 429]);
    expect(await statuses(revoked.key, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(await statuses(keyB.key, 3)).toEqual([200, 200, 429]);
    expect([await apiRequestsToday(world.a.id), await apiRequestsToday(world.b.id)]).toEqual([2, 2]);
  });

  it("starts afresh when a superadmin raises it, instead of misreading the old limit's debt", async () => {
    await setTenantLimit(world.a.id, 2);
    const key = await keyFor(world.a.slug, world.adminA);
    expect(await statuses(key.key, 3)).toEqual([200, 200, 429]);
    await setTenantLimit(world.a.id, 4);
    expect(await statuses(key.key, 5)).toEqual([200, 200, 200, 200, 429]);
  });

  it("is shared by all the tenant's keys, and lifted by clearing it", async () => {
    await setTenantLimit(world.a.id, 2);
    const [one, two] = [await keyFor(world.a.slug, world.adminA), await keyFor(world.a.slug, world.adminA)];
    expect([...(await statuses(one.key, 1)), ...(await statuses(two.key, 2))]).toEqual([200, 200, 429]);
    await setTenantLimit(world.a.id, "");
    expect(await statuses(two.key, 4)).toEqual([200, 200, 200, 200]);
    expect((await call(one.key)).headers.get("ratelimit")).toBeNull();
    // Without a limit every request is still counted: 2 admitted before, 5 after.
    expect(await apiRequestsToday(world.a.id)).toBe(7);
  });
});

describe("the platform-wide API limit", () => {
  it("is shared by all tenants: one tenant's requests leave less for the other, and the 429 names the platform", async () => {
    await setPlatformLimit(3);
    const [keyA, keyB] = [await keyFor(world.a.slug, world.adminA), await keyFor(world.b.slug, world.adminB)];
    expect(await statuses(keyA.key, 2)).toEqual([200, 200]);
    expect(await statuses(keyB.key, 2)).toEqual([200, 429]);
    const refused = await call(keyA.key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("ratelimit-policy")).toBe('"platform";q=3;w=60');
    expect(refused.headers.get("ratelimit")).toMatch(/^"platform";r=0;t=\d+$/);
    expect((await refused.json()).detail).toContain("The platform's API limit, shared by all tenants, is used up.");
  });

  it("a tenant refused by its own limit spends nothing of the platform's, and a platform refusal spends nothing of the tenant's", async () => {
    await setPlatformLimit(4);
    await setTenantLimit(world.a.id, 1);
    const [keyA, keyB] = [await keyFor(world.a.slug, world.adminA), await keyFor(world.b.slug, world.adminB)];
    expect(await statuses(keyA.key, 4)).toEqual([200, 429, 429, 429]);
    // A's three refusals left the platform's other three slots to B.
    expect(await statuses(keyB.key, 4)).toEqual([200, 200, 200, 429]);
    const limiterRows = await withSystem((tx) => tx.select({ key: apiRateLimits.key }).from(apiRateLimits));
    expect(limiterRows.map((row) => row.key).sort()).toEqual(["platform/4", `tenant:${world.a.id}/1`]);
  });

  it("lists both policies while both apply, and RateLimit tells the tighter one", async () => {
    await setPlatformLimit(100);
    await setTenantLimit(world.a.id, 5);
    const key = await keyFor(world.a.slug, world.adminA);
    await statuses(key.key, 4);
    const refused = (await statuses(key.key, 2)).at(-1);
    expect(refused).toBe(429);
    const answer = await call(key.key);
    expect(answer.headers.get("ratelimit-policy")).toBe('"platform";q=100;w=60, "tenant";q=5;w=60');
    expect(answer.headers.get("ratelimit")).toMatch(/^"tenant";r=0;t=\d+$/);
  });
});

describe("who sets the limits", () => {
  it("refuses a tenant Admin and a signed-out caller (not found), changing nothing", async () => {
    for (const caller of [world.adminA, null]) {
      expect(await actingAs(caller, () => setTenantApiLimit(null, { tenantId: world.a.id, apiRequestsPerMinute: "1" }))).toMatchObject({
        ok: false,
        code: caller ? "NOT_FOUND" : "UNAUTHENTICATED",
      });
      expect(await actingAs(caller, () => setPlatformApiLimitAction(null, { apiRequestsPerMinute: "1" }))).toMatchObject({ ok: false });
    }
    const [row] = await withSystem((tx) => tx.select({ limit: tenants.apiRequestsPerMinute }).from(tenants).where(eq(tenants.id, world.a.id)));
    expect(row).toEqual({ limit: null });
    expect(await withPlatform({ superadminId: root.id }, (tx) => tx.execute(sql`select api_requests_per_minute from platform_settings`))).toMatchObject({
      rows: [{ api_requests_per_minute: null }],
    });
  });

  it("the runtime role cannot change the platform-wide limit at all (only the console's role may)", async () => {
    const update = withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.execute(sql`update platform_settings set api_requests_per_minute = 1`));
    expect(await databaseErrorOf(update)).toMatch(/permission denied for table platform_settings/);
  });

  it("refuses 0, negatives and text next to the field; records a superadmin's change in both logs", async () => {
    for (const value of ["0", "-1", "many", "1.5"]) {
      expect(await actingAs(root, () => setTenantApiLimit(null, { tenantId: world.a.id, apiRequestsPerMinute: value })), value).toMatchObject({
        ok: false,
        fieldErrors: { apiRequestsPerMinute: ["Enter a whole number from 1 to 1,000,000, or leave it empty for no limit."] },
      });
    }
    await setTenantLimit(world.a.id, 60);
    const entries = await platformLogWhere(eq(platformActivity.actorUserId, root.id));
    expect(entries.map((entry) => entry.summary)).toContain(`Changed ${world.a.name}'s API requests per minute no limit → 60`);
    expect(entries.find((entry) => entry.action === "tenant.api_limit_set")?.details).toMatchObject({ from: null, to: 60 });
    const tenantLog = await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.select({ summary: activity.summary }).from(activity).where(and(eq(activity.tenantId, world.a.id), eq(activity.action, "superadmin.accessed"))),
    );
    expect(tenantLog.map((entry) => entry.summary)).toContain("A superadmin changed the API requests per minute no limit → 60");
  });

  it("a member of the tenant (Editor) cannot reach the admin action either", async () => {
    const editor = await createUser("editor");
    await addMember(world.a.id, editor.id, ["editor", "admin"]);
    expect(await actingAs(editor, () => setTenantApiLimit(null, { tenantId: world.a.id, apiRequestsPerMinute: "" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
