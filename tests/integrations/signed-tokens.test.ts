// Tenants from a signed token (issue 13, item 5) through the real route handlers: an integration's
// token creates its tenant on the first call and acts in it afterwards; RS256 and ES256 verify with
// the uploaded public key; expired, mis-signed, unsigned and algorithm-switched tokens are refused;
// one integration's external ids never reach another's tenants; revocation takes effect at once; two
// first calls create one tenant; the tenant's rate limit applies; only superadmins manage integrations.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { withPlatform, withSystem, withTenant } from "@/db/scopes";
import { listIntegrations } from "@/db/queries/integrations";
import { activity, apiRateLimits, flows, integrations, platformActivity, tenants } from "@/db/schema";
import { TOKEN_AUDIENCE, TOKEN_UNUSABLE_MESSAGE } from "@/lib/integrations/token-claims";
import { ARCHIVED_API_MESSAGE } from "@/lib/api/problem";
import { replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { runWithClientAddress } from "@/lib/request-address";
import { createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createIntegration, revokeIntegration } = await import("@/app/admin/integrations/actions");
const { setTenantApiLimit } = await import("@/app/admin/actions");
const { archiveTenantAsSuperadmin, restoreTenantAsSuperadmin } = await import("@/app/admin/tenant-archive/actions");
const { GET: getTenant } = await import("@/app/api/v1/tenant/route");
const { POST: createFlowByApi, GET: listFlowsByApi } = await import("@/app/api/v1/flows/route");

type User = { id: string; email: string };
let root: User;

beforeEach(async () => {
  root = await createUser("root", { isSuperadmin: true });
  await withSystem((tx) => tx.delete(apiRateLimits));
});

type Role = "viewer" | "editor" | "admin";
interface Made {
  id: string;
  name: string;
  secret: string | null;
}

async function makeIntegration(options: { algorithm?: "HS256" | "RS256" | "ES256"; publicKey?: string; role?: Role; license?: string } = {}): Promise<Made> {
  const name = `Acme CRM ${uniqueSuffix()}`;
  const result = await actingAs(root, () =>
    createIntegration(null, {
      name,
      algorithm: options.algorithm ?? "HS256",
      publicKey: options.publicKey ?? "",
      defaultLicense: options.license ?? "team",
      defaultRole: options.role ?? "editor",
    }),
  );
  if (!result.ok) throw new Error(result.message);
  return { id: result.data.id, name, secret: result.data.secret };
}

const hsKey = (secret: string) => new TextEncoder().encode(secret);

interface TokenOptions {
  kid?: string | null;
  iss?: string;
  alg?: string;
  externalId?: string;
  tenantName?: string;
  email?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  extra?: Record<string, unknown>;
}

const now = () => Math.floor(Date.now() / 1000);

async function token(integrationId: string, key: Uint8Array | CryptoKey, options: TokenOptions = {}) {
  const jwt = new SignJWT({
    tenant_id: options.externalId ?? "ext-1",
    tenant_name: options.tenantName ?? "Globex Corporation",
    email: options.email ?? "ops@globex.test",
    ...options.extra,
  })
    .setProtectedHeader({ alg: options.alg ?? "HS256", ...(options.kid === null ? {} : { kid: options.kid ?? integrationId }) })
    .setAudience(options.aud ?? TOKEN_AUDIENCE)
    .setIssuedAt(options.iat ?? now())
    .setExpirationTime(options.exp ?? now() + 600);
  if (options.iss) jwt.setIssuer(options.iss);
  return jwt.sign(key);
}

const bearer = (value: string) => ({ headers: { authorization: `Bearer ${value}`, "content-type": "application/json" } });
const callTenant = (jwt: string) => getTenant(new Request("http://localhost/api/v1/tenant", bearer(jwt)));
const tenantOf = async (jwt: string) => {
  const response = await callTenant(jwt);
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; name: string; slug: string; license: string };
};
/** The tenants the integration's tokens created. */
const mappingsOf = (integrationId: string) =>
  withSystem((tx) => tx.select({ tenantId: tenants.id, externalId: tenants.externalId }).from(tenants).where(eq(tenants.integrationId, integrationId)));
const platformEntriesAbout = (tenantId: string) =>
  platformLogWhere(eq(platformActivity.subjectTenantId, tenantId));

async function expectRefused(jwt: string) {
  const response = await callTenant(jwt);
  expect(response.status).toBe(401);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect((await response.json()).detail).toBe(TOKEN_UNUSABLE_MESSAGE);
}

describe("an HS256 integration's token", () => {
  it("creates the tenant on the first call (platform log, no member, the default license) and acts in it later", async () => {
    const made = await makeIntegration({ license: "team", role: "editor" });
    expect(made.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const externalId = `ext-${uniqueSuffix()}`;
    const first = await tenantOf(await token(made.id, hsKey(made.secret!), { externalId, tenantName: "Globex Corporation" }));
    expect(first.name).toBe("Globex Corporation");
    expect(first.slug).toMatch(/^globex-corporation-[0-9a-f]{8}$/);
    expect(first.license).toBe("team");

    const [row] = await withSystem((tx) => tx.select().from(tenants).where(eq(tenants.id, first.id)));
    expect(row).toMatchObject({ memberCount: 0, createdBy: null, flowCap: 50, integrationId: made.id, externalId });
    const entries = await platformEntriesAbout(first.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "tenant.created", actorUserId: null, actorEmail: `${made.name} (ops@globex.test)` });
    expect(entries[0]!.details).toMatchObject({ integrationId: made.id, externalId });

    // Later calls (another token, another caller) act in the same tenant and create nothing.
    const again = await tenantOf(await token(made.id, hsKey(made.secret!), { externalId, tenantName: "Renamed", email: "dev@globex.test" }));
    expect(again.id).toBe(first.id);
    expect(await mappingsOf(made.id)).toHaveLength(1);
    expect(await platformEntriesAbout(first.id)).toHaveLength(1);
    // The /admin/integrations list counts it.
    const listed = await withPlatform({ superadminId: root.id }, (tx) => listIntegrations(tx));
    expect(listed.find((integration) => integration.id === made.id)).toMatchObject({ tenantCount: 1 });

    // A write acts with the integration's default role, recorded as "<integration> (<email>)".
    const jwt = await token(made.id, hsKey(made.secret!), { externalId, email: "dev@globex.test" });
    const created = await createFlowByApi(new Request("http://localhost/api/v1/flows", { method: "POST", ...bearer(jwt), body: JSON.stringify({ name: "Nightly sync", steps: ["validate"] }) }));
    expect(created.status).toBe(201);
    const flowRows = await withTenant({ tenantId: first.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, first.id)));
    expect(flowRows.map((flow) => flow.name)).toEqual(["Nightly sync"]);
    const [entry] = await withTenant({ tenantId: first.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.tenantId, first.id), eq(activity.action, "flow.created"))),
    );
    expect(entry).toMatchObject({ actorUserId: null, actorEmail: `${made.name} (dev@globex.test)` });
    expect(entry!.summary).toMatch(/\(signed token\)$/);
    expect(entry!.details).toMatchObject({ integrationId: made.id });
  });

  it("accepts the integration named by `iss` when the token has no `kid`", async () => {
    const made = await makeIntegration();
    const tenantName = `Issued ${uniqueSuffix()}`;
    const tenant = await tenantOf(await token(made.id, hsKey(made.secret!), { kid: null, iss: made.id, externalId: `ext-${uniqueSuffix()}`, tenantName }));
    expect(tenant.name).toBe(tenantName);
  });

  it("is held to the integration's default role: a Viewer integration reads but cannot create a flow", async () => {
    const made = await makeIntegration({ role: "viewer" });
    const jwt = await token(made.id, hsKey(made.secret!), { externalId: `ext-${uniqueSuffix()}` });
    expect((await callTenant(jwt)).status).toBe(200);
    const refused = await createFlowByApi(new Request("http://localhost/api/v1/flows", { method: "POST", ...bearer(jwt), body: JSON.stringify({ name: "x", steps: ["validate"] }) }));
    expect(refused.status).toBe(403);
  });

  it("a Viewer integration in a tenant with \"Viewers see dashboards only\" on is refused the flows (403), as a Viewer key is", async () => {
    const made = await makeIntegration({ role: "viewer" });
    const jwt = await token(made.id, hsKey(made.secret!), { externalId: `ext-${uniqueSuffix()}` });
    const tenant = await tenantOf(jwt);
    const listFlows = () => listFlowsByApi(new Request("http://localhost/api/v1/flows", bearer(jwt)));
    expect((await listFlows()).status).toBe(200);
    await withSystem((tx) => tx.update(tenants).set({ viewersSeeDashboardsOnly: true }).where(eq(tenants.id, tenant.id)));
    expect((await listFlows()).status).toBe(403);
    expect((await callTenant(jwt)).status).toBe(200);
  });

  it("stores the secret only encrypted, and never in the platform log", async () => {
    const made = await makeIntegration();
    const [row] = await withSystem((tx) => tx.select().from(integrations).where(eq(integrations.id, made.id)));
    expect(JSON.stringify(row)).not.toContain(made.secret!);
    expect(row).toMatchObject({ algorithm: "HS256", publicKey: null });
    expect(row!.secretCiphertext).toBeTruthy();
    const logged = await platformLogWhere(sql`${platformActivity.details}->>'targetId' = ${made.id}`);
    expect(logged.map((entry) => entry.action)).toEqual(["integration.created"]);
    expect(JSON.stringify(logged)).not.toContain(made.secret!);
  });
});

describe("RS256 and ES256 integrations", () => {
  for (const algorithm of ["RS256", "ES256"] as const) {
    it(`verifies ${algorithm} tokens with the uploaded public key, and refuses one signed by another key`, async () => {
      const pair = await generateKeyPair(algorithm);
      const made = await makeIntegration({ algorithm, publicKey: await exportSPKI(pair.publicKey) });
      expect(made.secret).toBeNull();
      const externalId = `ext-${uniqueSuffix()}`;
      const tenant = await tenantOf(await token(made.id, pair.privateKey, { alg: algorithm, externalId }));
      expect((await mappingsOf(made.id)).map((mapping) => mapping.tenantId)).toEqual([tenant.id]);
      const stranger = await generateKeyPair(algorithm);
      await expectRefused(await token(made.id, stranger.privateKey, { alg: algorithm, externalId }));
    });
  }

  it("refuses a public key that does not import for the algorithm, next to the field", async () => {
    const rsaPem = await exportSPKI((await generateKeyPair("RS256")).publicKey);
    const result = await actingAs(root, () =>
      createIntegration(null, { name: `bad ${uniqueSuffix()}`, algorithm: "ES256", publicKey: rsaPem, defaultLicense: "free", defaultRole: "viewer" }),
    );
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(result.ok || result.fieldErrors?.publicKey).toBeTruthy();
  });
});

describe("refused tokens (401, nothing created)", () => {
  it("an expired token, one older than an hour, a future nbf, another audience, a wrong signature, missing claims", async () => {
    const made = await makeIntegration();
    const key = hsKey(made.secret!);
    const externalId = `ext-${uniqueSuffix()}`;
    await expectRefused(await token(made.id, key, { externalId, iat: now() - 1200, exp: now() - 600 }));
    await expectRefused(await token(made.id, key, { externalId, iat: now() - 7200, exp: now() + 600 }));
    await expectRefused(await token(made.id, key, { externalId, extra: { nbf: now() + 600 } }));
    await expectRefused(await token(made.id, key, { externalId, aud: "someone-else" }));
    await expectRefused(await token(made.id, hsKey("not the integration's secret at all, 32+ chars"), { externalId }));
    await expectRefused(await token(made.id, key, { externalId, email: "not an email" }));
    // Naming another integration as issuer than the key it was verified with.
    await expectRefused(await token(made.id, key, { externalId, iss: "00000000-0000-4000-8000-000000000000" }));
    // An unknown integration id, and a kid that is no id at all.
    await expectRefused(await token("00000000-0000-4000-8000-000000000000", key, { externalId }));
    await expectRefused(await token("nope", key, { externalId }));
    expect(await mappingsOf(made.id)).toHaveLength(0);
  });

  it("alg none, and an HS256 token 'signed' with an RS256 integration's public key (algorithm switch)", async () => {
    const made = await makeIntegration();
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const claims = { tenant_id: "ext-none", tenant_name: "None", email: "a@b.test", aud: TOKEN_AUDIENCE, iat: now(), exp: now() + 600 };
    await expectRefused(`${b64({ alg: "none", kid: made.id })}.${b64(claims)}.`);

    const pair = await generateKeyPair("RS256");
    const pem = await exportSPKI(pair.publicKey);
    const rs = await makeIntegration({ algorithm: "RS256", publicKey: pem });
    await expectRefused(await token(rs.id, hsKey(pem), { alg: "HS256", externalId: "ext-switch" }));
    // And an RS256 token presented to the HS256 integration.
    await expectRefused(await token(made.id, pair.privateKey, { alg: "RS256", externalId: "ext-switch" }));
    expect(await mappingsOf(rs.id)).toHaveLength(0);
    expect(await mappingsOf(made.id)).toHaveLength(0);
  });

  it("a revoked integration: refused at once, in its existing tenant too", async () => {
    const made = await makeIntegration();
    const externalId = `ext-${uniqueSuffix()}`;
    const jwt = await token(made.id, hsKey(made.secret!), { externalId });
    await tenantOf(jwt);
    expect(await actingAs(root, () => revokeIntegration(null, { integrationId: made.id }))).toMatchObject({ ok: true });
    await expectRefused(jwt);
    await expectRefused(await token(made.id, hsKey(made.secret!), { externalId: `ext-${uniqueSuffix()}` }));
    expect(await mappingsOf(made.id)).toHaveLength(1);
    // Revoking again finds nothing to revoke.
    expect(await actingAs(root, () => revokeIntegration(null, { integrationId: made.id }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("an archived tenant: its tokens are refused (423, nothing metered) until a superadmin restores it", async () => {
    const made = await makeIntegration();
    const jwt = await token(made.id, hsKey(made.secret!), { externalId: `ext-${uniqueSuffix()}` });
    const tenant = await tenantOf(jwt);
    expect(await actingAs(root, () => archiveTenantAsSuperadmin(null, { tenantId: tenant.id }))).toMatchObject({ ok: true });
    const before = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.tenantId, tenant.id)));
    for (const response of [await callTenant(jwt), await createFlowByApi(new Request("http://localhost/api/v1/flows", { method: "POST", body: JSON.stringify({ name: "x", steps: ["validate"] }), ...bearer(jwt) }))]) {
      expect(response.status).toBe(423);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ code: "ARCHIVED", detail: ARCHIVED_API_MESSAGE });
    }
    expect(await withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, tenant.id)))).toEqual([]);
    expect(await withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.tenantId, tenant.id)))).toHaveLength(before.length);
    expect(await actingAs(root, () => restoreTenantAsSuperadmin(null, { tenantId: tenant.id }))).toMatchObject({ ok: true });
    expect((await tenantOf(jwt)).id).toBe(tenant.id);
  });
});

describe("isolation between integrations", () => {
  it("the same external id under two integrations names two tenants; X's key never opens Y's", async () => {
    const [x, y] = [await makeIntegration(), await makeIntegration()];
    const externalId = `shared-${uniqueSuffix()}`;
    const ofY = await tenantOf(await token(y.id, hsKey(y.secret!), { externalId, tenantName: "Y's tenant" }));
    const ofX = await tenantOf(await token(x.id, hsKey(x.secret!), { externalId, tenantName: "X's tenant" }));
    expect(ofX.id).not.toBe(ofY.id);
    expect(ofX.name).toBe("X's tenant");
    // Naming Y as kid while signing with X's secret is a wrong signature, not a way into Y.
    await expectRefused(await token(y.id, hsKey(x.secret!), { externalId }));
    expect((await mappingsOf(y.id)).map((mapping) => mapping.tenantId)).toEqual([ofY.id]);
    expect((await mappingsOf(x.id)).map((mapping) => mapping.tenantId)).toEqual([ofX.id]);
  });
});

describe("a token's new tenant among the others", () => {
  it("takes a name another tenant has (in any case and spacing) with its slug added, instead of failing", async () => {
    const [x, y] = [await makeIntegration(), await makeIntegration()];
    const name = `Initech ${uniqueSuffix()}`;
    const first = await tenantOf(await token(x.id, hsKey(x.secret!), { externalId: `a-${uniqueSuffix()}`, tenantName: name }));
    const second = await tenantOf(await token(y.id, hsKey(y.secret!), { externalId: `b-${uniqueSuffix()}`, tenantName: ` ${name.toUpperCase()}  ` }));
    expect(first.name).toBe(name);
    expect(second.id).not.toBe(first.id);
    // The claim arrives trimmed (lib/integrations/token-claims.ts).
    expect(second.name).toBe(`${name.toUpperCase()} (${second.slug})`);
  });

  it("is held to the tenant's run allow-list like a key: 403 from another address, logged, not admitted", async () => {
    const made = await makeIntegration();
    const externalId = `ip-${uniqueSuffix()}`;
    const jwt = await token(made.id, hsKey(made.secret!), { externalId });
    const tenant = await runWithClientAddress("192.0.2.10", () => tenantOf(jwt));
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) => replaceIpAllowLists(tx, { run: ["192.0.2.0/24"] }));
    expect((await runWithClientAddress("192.0.2.11", () => callTenant(jwt))).status).toBe(200);
    const refused = await runWithClientAddress("203.0.113.9", () => callTenant(jwt));
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toBe("Your address is not allowed to use this tenant's API (IP allow-list).");
    const logged = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.tenantId, tenant.id), eq(activity.action, "tenant.ip_refused"))),
    );
    expect(logged.map((entry) => entry.ip)).toEqual(["203.0.113.9"]);
    // Named as the token it was, not as an API key.
    expect(logged[0]!.actorEmail).toMatch(/^Signed token .+ \(.+@.+\)$/);
  });
});

describe("two first calls at once", () => {
  it("create one tenant, one mapping and one platform log entry", async () => {
    const made = await makeIntegration();
    const externalId = `race-${uniqueSuffix()}`;
    const jwt = await token(made.id, hsKey(made.secret!), { externalId });
    const answers = await Promise.all([callTenant(jwt), callTenant(jwt), callTenant(jwt)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const ids = new Set(await Promise.all(answers.map(async (answer) => ((await answer.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await mappingsOf(made.id)).toHaveLength(1);
    expect(await platformEntriesAbout([...ids][0]!)).toHaveLength(1);
  });
});

describe("rate limits", () => {
  it("apply to a token's tenant like to a key's: 429 after the tenant's limit", async () => {
    const made = await makeIntegration();
    const jwt = await token(made.id, hsKey(made.secret!), { externalId: `ext-${uniqueSuffix()}` });
    const tenant = await tenantOf(jwt);
    await withSystem((tx) => tx.delete(apiRateLimits));
    expect(await actingAs(root, () => setTenantApiLimit(null, { tenantId: tenant.id, apiRequestsPerMinute: "2" }))).toMatchObject({ ok: true });
    expect([(await callTenant(jwt)).status, (await callTenant(jwt)).status]).toEqual([200, 200]);
    const refused = await callTenant(jwt);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
  });
});

describe("managing integrations", () => {
  it("is for superadmins only: anyone else gets NOT_FOUND and nothing is created", async () => {
    const someone = await createUser("someone");
    const name = `sneaky ${uniqueSuffix()}`;
    const result = await actingAs(someone, () => createIntegration(null, { name, algorithm: "HS256", publicKey: "", defaultLicense: "enterprise", defaultRole: "admin" }));
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await withSystem((tx) => tx.select().from(integrations).where(eq(integrations.name, name)))).toHaveLength(0);
    const made = await makeIntegration();
    expect(await actingAs(someone, () => revokeIntegration(null, { integrationId: made.id }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("refuses a second integration of the same name, next to the field", async () => {
    const made = await makeIntegration();
    const again = await actingAs(root, () => createIntegration(null, { name: made.name, algorithm: "HS256", publicKey: "", defaultLicense: "free", defaultRole: "viewer" }));
    expect(again).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { name: [expect.stringContaining("is taken")] } });
  });

  it("asks for a public key for RS256 and ES256", async () => {
    const result = await actingAs(root, () => createIntegration(null, { name: `k ${uniqueSuffix()}`, algorithm: "RS256", publicKey: "", defaultLicense: "free", defaultRole: "viewer" }));
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { publicKey: [expect.any(String)] } });
  });
});
