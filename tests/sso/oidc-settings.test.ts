// Settings → OpenID Connect through the real action wrapper, against a real provider (oidc-provider):
// bad input answered next to its field with nothing saved (a malformed issuer URL, a provider that does
// not answer discovery, missing client ID or secret), the secret stored encrypted and kept when left
// blank, one identity provider per tenant, and "Require single sign-on" letting OIDC sessions in.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { insertGroup } from "@/db/queries/groups";
import { findOidcConfig, insertOidcSignInRequest } from "@/db/queries/oidc";
import { activity, oidcConfigs, oidcSignInRequests } from "@/db/schema";
import { withTenant } from "@/db/scopes";
import { decryptOidcClientSecret } from "@/lib/sso/oidc-secret";
import { addMember, createTenant, createUser, databaseErrorOf } from "../support/fixtures";
import { allowLocalTargetsInThisFile } from "../support/local-targets";
import { startTestOp, type TestOp } from "../support/oidc-op";
import { startTestIdp } from "../support/saml-idp";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { saveOidcSettings, removeOidcSettings } = await import("@/app/t/[slug]/settings/sso/oidc-actions");
const { saveSamlSettings, removeSamlSettings } = await import("@/app/t/[slug]/settings/sso/actions");
const { requireActor } = await import("@/lib/actor");

type User = { id: string; email: string };
type Tenant = Awaited<ReturnType<typeof createTenant>>;
let op: TestOp;
let tenant: Tenant;
let other: Tenant;
let admin: User;
let viewer: User;
let client: { clientId: string; clientSecret: string };

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const save = (fields: Record<string, string>) =>
  saveOidcSettings(tenant.slug, null, form({ issuer: op.issuer, clientId: client.clientId, clientSecret: client.clientSecret, emailClaim: "email", ...fields }));
const configOf = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => findOidcConfig(tx));
const entries = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

allowLocalTargetsInThisFile();

beforeAll(async () => {
  op = await startTestOp();
  client = await op.registerClient(["http://localhost:3000/api/sso/x/oidc/callback"]);
  [tenant, other] = [await createTenant("oidc-settings"), await createTenant("oidc-elsewhere")];
  [admin, viewer] = [await createUser("oidc-admin"), await createUser("oidc-viewer")];
  await addMember(tenant.id, admin.id, ["admin"]);
  await addMember(tenant.id, viewer.id, ["viewer"]);
});

afterAll(async () => {
  await op?.close();
});

describe("saving OpenID Connect", () => {
  it("answers a malformed or non-https issuer URL, a missing client ID and secret next to their fields, saving nothing", async () => {
    signInAs(admin, "password");
    for (const issuer of ["not a url", "ftp://login.example.test", "http://login.example.test", "https://user:pw@login.example.test"]) {
      const result = await save({ issuer, clientId: "", clientSecret: "", emailClaim: "e mail" });
      expect(result, issuer).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { issuer: [expect.any(String)], clientId: [expect.any(String)], clientSecret: [expect.any(String)], emailClaim: [expect.any(String)] } });
    }
    expect(await configOf(tenant.id)).toBeNull();
    expect(await entries(tenant.id, "tenant.sso_updated")).toEqual([]);
  });

  it("answers an issuer where discovery fails with a clear error on the issuer field", async () => {
    signInAs(admin, "password");
    const result = await save({ issuer: `${op.issuer}/no-such-issuer` });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { issuer: [expect.stringContaining(`${op.issuer}/no-such-issuer/.well-known/openid-configuration`)] } });
    expect(await configOf(tenant.id)).toBeNull();
  });

  it("saves a provider that answers discovery, the secret encrypted (never in the log), and keeps the secret when left blank", async () => {
    signInAs(admin, "password");
    expect(await save({})).toMatchObject({ ok: true, message: "OpenID Connect saved." });
    const saved = await configOf(tenant.id);
    expect(saved).toMatchObject({ issuer: op.issuer, clientId: client.clientId, emailClaim: "email", requireSso: false });
    expect(JSON.stringify(saved)).not.toContain(client.clientSecret);
    expect(decryptOidcClientSecret(saved!)).toBe(client.clientSecret);
    // The ciphertext is bound to its tenant: copied to another tenant's row it does not decrypt.
    expect(() => decryptOidcClientSecret({ ...saved!, tenantId: other.id })).toThrow();

    expect(await save({ clientSecret: "", emailClaim: "upn" })).toMatchObject({ ok: true });
    const changed = await configOf(tenant.id);
    expect(changed).toMatchObject({ emailClaim: "upn" });
    expect(decryptOidcClientSecret(changed!)).toBe(client.clientSecret);
    const logged = await entries(tenant.id, "tenant.sso_updated");
    expect(logged).toHaveLength(2);
    expect(JSON.stringify(logged)).not.toContain(client.clientSecret);
    expect(logged.find((entry) => (entry.details as { before: unknown }).before !== null)?.details).toMatchObject({ before: { emailClaim: "email" }, after: { protocol: "oidc", emailClaim: "upn" }, secretChanged: false });
  });

  it("saves the default group for new single sign-on users like the SAML form: never Admin, never another tenant's group", async () => {
    signInAs(admin, "password");
    const theirs = await withTenant({ tenantId: other.id, userId: null }, (tx) => insertGroup(tx, { name: "Theirs", permissions: ["tenant.read"] }));
    expect(await save({ clientSecret: "", defaultGroup: "admin" })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { defaultGroup: [expect.stringMatching(/^Admin cannot be the default group/)] } });
    expect(await save({ clientSecret: "", defaultGroup: `group:${theirs.id}` })).toMatchObject({ ok: false, fieldErrors: { defaultGroup: ["Choose Viewer, Editor or one of this tenant's custom groups."] } });
    expect(await configOf(tenant.id)).toMatchObject({ defaultRole: "viewer", defaultGroupId: null });
    const ours = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => insertGroup(tx, { name: "Ours", permissions: ["tenant.read"] }));
    expect(await save({ clientSecret: "", defaultGroup: `group:${ours.id}` })).toMatchObject({ ok: true });
    expect(await configOf(tenant.id)).toMatchObject({ defaultRole: "viewer", defaultGroupId: ours.id });
    expect((await entries(tenant.id, "tenant.sso_updated")).map((entry) => entry.summary)).toContainEqual(expect.stringMatching(/new users join as Ours$/));
    expect(await save({ clientSecret: "", defaultGroup: "editor" })).toMatchObject({ ok: true });
    expect(await configOf(tenant.id)).toMatchObject({ defaultRole: "editor", defaultGroupId: null });
  });

  it("keeps one identity provider per tenant: SAML is refused while OIDC is set up, and OIDC while SAML is", async () => {
    signInAs(admin, "password");
    const idp = startTestIdp({ entityId: "https://idp.oidc-settings.example.test/metadata", ssoUrl: "https://idp.oidc-settings.example.test/sso" });
    expect(await saveSamlSettings(tenant.slug, null, form({ idpMetadata: idp.metadata, emailAttribute: "email" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await removeOidcSettings(tenant.slug, null, form({}))).toMatchObject({ ok: true, message: "OpenID Connect removed." });
    expect(await entries(tenant.id, "tenant.sso_removed")).toHaveLength(1);
    expect(await saveSamlSettings(tenant.slug, null, form({ idpMetadata: idp.metadata, emailAttribute: "email" }))).toMatchObject({ ok: true });
    expect(await save({})).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await configOf(tenant.id)).toBeNull();
    expect(await removeSamlSettings(tenant.slug, null, form({}))).toMatchObject({ ok: true });
  });

  it("refuses to require SSO from a session it would shut out, unless the Admin is the break-glass Admin", async () => {
    signInAs(admin, "password");
    expect(await save({ requireSso: "true", breakGlassEmail: viewer.email })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { breakGlassEmail: [expect.stringContaining("not an active Admin")] } });
    expect(await save({ requireSso: "true" })).toMatchObject({ ok: false, fieldErrors: { breakGlassEmail: [expect.any(String)] } });
    expect(await configOf(tenant.id)).toBeNull();
    expect(await save({ requireSso: "true", breakGlassEmail: admin.email })).toMatchObject({ ok: true });
  });
});

describe("Require single sign-on with OpenID Connect, on every request", () => {
  it("lets in an OIDC session and the break-glass Admin; sends other sessions to the provider", async () => {
    expect(await configOf(tenant.id)).toMatchObject({ requireSso: true, breakGlassUserId: admin.id });
    signInAs(viewer, "oidc", "off", tenant.id);
    await expect(requireActor(tenant.slug)).resolves.toMatchObject({ user: { id: viewer.id } });
    signInAs(viewer, "password");
    await expect(requireActor(tenant.slug)).rejects.toThrow(`NEXT_REDIRECT /api/sso/${tenant.slug}/login?callbackUrl=`);
    signInAs(admin, "magic_link");
    await expect(requireActor(tenant.slug)).resolves.toMatchObject({ user: { id: admin.id } });
  });
});

describe("the tenant wall around OIDC tables", () => {
  it("keeps one tenant's settings and started sign-ins from another", async () => {
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      insertOidcSignInRequest(tx, { state: "s1", nonce: "n", codeVerifier: "v", returnTo: "/", expiresAt: new Date(Date.now() + 60_000) }),
    );
    expect(await withTenant({ tenantId: other.id, userId: null }, (tx) => tx.select().from(oidcConfigs))).toEqual([]);
    expect(await withTenant({ tenantId: other.id, userId: null }, (tx) => tx.select().from(oidcSignInRequests))).toEqual([]);
    expect(
      await databaseErrorOf(
        withTenant({ tenantId: other.id, userId: null }, (tx) =>
          tx.insert(oidcSignInRequests).values({ tenantId: tenant.id, state: "x", nonce: "n", codeVerifier: "v", returnTo: "/", expiresAt: new Date() }),
        ),
      ),
    ).toMatch(/row-level security/);
  });
});
