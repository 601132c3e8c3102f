// IdP-initiated OpenID Connect ("third party initiated login"): GET /api/sso/<slug>/oidc/initiate with
// the provider's `iss` starts an ordinary SP-initiated code flow (state cookie, PKCE, nonce) carrying
// its login_hint, and that flow signs in against the real provider (oidc-provider). An `iss` that is
// not the tenant's configured issuer, a missing one, or a tenant without OIDC starts nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addApprovedDomain } from "@/db/queries/approved-domains";
import { upsertOidcConfig } from "@/db/queries/oidc";
import { withTenant } from "@/db/scopes";
import { publicOrigin } from "@/lib/app-url";
import { oidcRedirectUri } from "@/lib/sso/oidc-client";
import { encryptOidcClientSecret } from "@/lib/sso/oidc-secret";
import { signInWithOidc } from "@/lib/sso/oidc-sign-in";
import { createTenant, uniqueSuffix } from "../support/fixtures";
import { allowLocalTargetsInThisFile } from "../support/local-targets";
import { startTestOp, type TestOp } from "../support/oidc-op";

/** The cookies the route sets, as the browser would keep them. */
const jar = new Map<string, { value: string; path?: string }>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ set: (name: string, value: string, options: { path?: string }) => jar.set(name, { value, path: options.path }), get: (name: string) => jar.get(name) }),
  headers: async () => new Headers(),
}));

const { GET } = await import("@/app/api/sso/[slug]/oidc/initiate/route");
const { OIDC_STATE_COOKIE } = await import("@/lib/sso/oidc-start");

allowLocalTargetsInThisFile();

let op: TestOp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let plain: Awaited<ReturnType<typeof createTenant>>;
let domain: string;

const initiate = (slug: string, query: Record<string, string>) =>
  GET(new Request(`${publicOrigin()}/api/sso/${slug}/oidc/initiate?${new URLSearchParams(query)}`), { params: Promise.resolve({ slug }) });

beforeAll(async () => {
  op = await startTestOp();
  [tenant, plain] = [await createTenant("oidc-initiate"), await createTenant("oidc-initiate-none")];
  domain = `init-${uniqueSuffix()}.example.test`;
  const client = await op.registerClient([oidcRedirectUri(publicOrigin(), tenant.slug)]);
  await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
    await addApprovedDomain(tx, domain);
    await upsertOidcConfig(tx, { issuer: op.issuer, clientId: client.clientId, ...encryptOidcClientSecret(tenant.id, client.clientSecret), emailClaim: "email" });
  });
});

afterAll(() => op.close());

describe("third party initiated login", () => {
  it("with the configured issuer: an ordinary code flow with the hint, which signs in", async () => {
    jar.clear();
    const email = `hinted-${uniqueSuffix()}@${domain}`;
    const response = await initiate(tenant.slug, { iss: op.issuer, login_hint: email, target_link_uri: `${publicOrigin()}/t/${tenant.slug}/flows` });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe(op.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ login_hint: email, response_type: "code", code_challenge_method: "S256" });
    const cookie = jar.get(OIDC_STATE_COOKIE)!;
    expect(cookie).toMatchObject({ value: location.searchParams.get("state"), path: `/api/sso/${tenant.slug}/oidc` });

    const callbackUrl = await op.signInAs(location.href, email);
    const result = await signInWithOidc({ slug: tenant.slug, callbackUrl, cookieState: cookie.value, origin: publicOrigin(), ip: null });
    expect(result).toMatchObject({ ok: true, email, returnTo: `/t/${tenant.slug}/flows` });
  });

  it("starts nothing for another issuer, no issuer, or a tenant without OpenID Connect", async () => {
    for (const [slug, query] of [
      [tenant.slug, { iss: "https://evil.example.test" }],
      [tenant.slug, { iss: `${op.issuer}/` }],
      [tenant.slug, {}],
      [plain.slug, { iss: op.issuer }],
    ] as const) {
      jar.clear();
      const response = await initiate(slug, query);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`/login/${slug}?sso=unavailable`);
      expect(jar.size).toBe(0);
    }
  });

  it("returns to the tenant's overview when target_link_uri is another site", async () => {
    jar.clear();
    const response = await initiate(tenant.slug, { iss: op.issuer, target_link_uri: "https://evil.example.test/phish" });
    const location = new URL(response.headers.get("location")!);
    const callbackUrl = await op.signInAs(location.href, `other-${uniqueSuffix()}@${domain}`);
    const result = await signInWithOidc({ slug: tenant.slug, callbackUrl, cookieState: jar.get(OIDC_STATE_COOKIE)!.value, origin: publicOrigin(), ip: null });
    expect(result).toMatchObject({ ok: true, returnTo: `/t/${tenant.slug}` });
  });
});
