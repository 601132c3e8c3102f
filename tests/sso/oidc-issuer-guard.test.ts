// The OpenID Connect issuer is the tenant Admin's to choose, so the server's calls to it pass the same
// outbound-address guard as the connections (lib/sso/oidc-fetch.ts). Saving an issuer at a link-local
// (cloud metadata), private or loopback address is refused next to the Issuer URL field, with nothing
// saved; a name resolving to loopback is refused on its resolved address. Discovery happens before the
// save's transaction (the tenant's row is not locked while the provider answers) and is remembered a
// short time per issuer, in a bounded cache.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { findOidcConfig } from "@/db/queries/oidc";
import { withSystem, withTenant } from "@/db/scopes";
import { cachedDiscovery, clearDiscoveryCache, DISCOVERY_CACHE_ENTRIES, discoveryCacheSize, rememberDiscovery } from "@/lib/sso/oidc-discovery-cache";
import { discoverIssuer } from "@/lib/sso/oidc-client";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const { saveOidcSettings } = await import("@/app/t/[slug]/settings/sso/oidc-actions");

const onPostgres = Boolean(process.env.DATABASE_URL?.startsWith("postgres"));
type Tenant = Awaited<ReturnType<typeof createTenant>>;
let tenant: Tenant;
let admin: { id: string; email: string };

/** A minimal provider: answers its discovery document, counting requests; `onRequest` runs first. */
let provider: http.Server;
let issuer: string;
let discoveryRequests = 0;
let onRequest: (() => Promise<void>) | null = null;

const save = (issuerUrl: string) => saveOidcSettings(tenant.slug, null, { issuer: issuerUrl, clientId: "console", clientSecret: "s3cret", emailClaim: "email" });
const configOf = () => withTenant({ tenantId: tenant.id, userId: null }, (tx) => findOidcConfig(tx));

beforeAll(async () => {
  provider = http.createServer((request, response) => {
    void (async () => {
      discoveryRequests++;
      await onRequest?.();
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, response_types_supported: ["code"] }));
    })();
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  tenant = await createTenant("oidc-guard");
  admin = await createUser("oidc-guard-admin");
  await addMember(tenant.id, admin.id, ["admin"]);
});

afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));

beforeEach(() => {
  signInAs(admin, "password");
  clearDiscoveryCache();
  discoveryRequests = 0;
  onRequest = null;
  vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the issuer's address", () => {
  it.each([
    ["https://169.254.169.254", /169\.254\.169\.254 are not allowed \(linkLocal/],
    ["https://10.0.0.5/realms/x", /10\.0\.0\.5 are not allowed \(a private address/],
    ["https://[::1]:8443", /::1 are not allowed \(a loopback address/],
  ])("refuses %s next to the field, saving nothing", async (address, message) => {
    const result = await save(address);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(result.ok ? [] : result.fieldErrors?.issuer?.[0]).toMatch(/^The issuer's address is not allowed: /);
    expect(result.ok ? [] : result.fieldErrors?.issuer?.[0]).toMatch(message);
    expect(await configOf()).toBeNull();
  });

  it("refuses a name that resolves to loopback (checked on the address connected to), and the metadata address even when local targets are allowed", async () => {
    const byName = await save(issuer.replace("127.0.0.1", "localhost"));
    expect(byName.ok ? null : byName.fieldErrors?.issuer?.[0]).toMatch(/127\.0\.0\.1 are not allowed \(a loopback address/);
    expect(discoveryRequests).toBe(0);
    vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "1");
    const metadata = await save("https://169.254.169.254");
    expect(metadata.ok ? null : metadata.fieldErrors?.issuer?.[0]).toMatch(/not allowed \(linkLocal/);
    expect(await configOf()).toBeNull();
  });

  it("saves a local provider only where local targets are allowed (the tests' and e2e's setting)", async () => {
    vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "1");
    expect(await save(issuer)).toMatchObject({ ok: true });
    expect(await configOf()).toMatchObject({ issuer });
    expect(discoveryRequests).toBe(1);
  });
});

describe("discovery", () => {
  it.skipIf(!onPostgres)("runs before the save's transaction: the tenant's row is not locked while the provider answers", async () => {
    vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "1");
    let lockedDuringDiscovery: boolean | null = null;
    onRequest = async () => {
      // NOWAIT: fails at once if the save already holds the tenant's row (its lockTenant).
      lockedDuringDiscovery = await withSystem((tx) => tx.execute(sql`select 1 from tenants where id = ${tenant.id} for update nowait`)).then(
        () => false,
        () => true,
      );
    };
    expect(await save(issuer)).toMatchObject({ ok: true });
    expect(lockedDuringDiscovery).toBe(false);
  });

  it("is remembered per issuer for a short time, by a bounded cache", async () => {
    vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "1");
    await discoverIssuer(issuer);
    await discoverIssuer(issuer);
    expect(discoveryRequests).toBe(1);
    expect(cachedDiscovery(issuer, Date.now() + 10 * 60_000)).toBeNull();
    await discoverIssuer(issuer);
    expect(discoveryRequests).toBe(2);

    for (let i = 0; i < DISCOVERY_CACHE_ENTRIES + 10; i++) rememberDiscovery(`https://op-${i}.example.test`, { issuer: `https://op-${i}.example.test` });
    expect(discoveryCacheSize()).toBe(DISCOVERY_CACHE_ENTRIES);
    expect(cachedDiscovery("https://op-0.example.test")).toBeNull();
    expect(cachedDiscovery(`https://op-${DISCOVERY_CACHE_ENTRIES + 9}.example.test`)).not.toBeNull();
  });

  it("is not made for a caller who may not change the settings", async () => {
    vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "1");
    const viewer = await createUser("oidc-guard-viewer");
    await addMember(tenant.id, viewer.id, ["viewer"]);
    signInAs(viewer, "password");
    expect(await save(issuer)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(null);
    expect(await save(issuer)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(discoveryRequests).toBe(0);
  });
});
