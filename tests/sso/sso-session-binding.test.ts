// A session opened by a tenant's single sign-on is bound to that tenant (lib/sso/session-binding.ts).
// Attack: tenant A's Admin controls A's identity provider (a real samlify IdP signing real XML); they
// make it assert the address of an account that is Admin of tenant B (or a superadmin). The sign-in
// opens a session (no longer refused), but that session, read back from its real row, is A's only:
// B's pages send it to sign in, B's actions answer "sign in" and change nothing, even an actor forged
// for B is refused inside the writing transaction, the switcher lists A only, and the console stays
// hidden. The account's own sign-in (no binding) still opens B: the binding is what keeps B closed.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { sessions, tenants, users } from "@/db/schema";
import { addApprovedDomain } from "@/db/queries/approved-domains";
import { upsertSamlConfig } from "@/db/queries/saml";
import { parseIdpMetadata } from "@/lib/sso/idp-metadata";
import { serviceProviderMetadata } from "@/lib/sso/saml-service-provider";
import { signInWithSaml } from "@/lib/sso/saml-sign-in";
import { ssoPolicyAllows } from "@/lib/sso/sso-policy";
import { isSuperadminRequest } from "@/lib/superadmin-session";
import { SESSION_COOKIE } from "@/lib/session-cookie";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { navigationOf } from "../support/navigation";
import { browser } from "../support/real-session";
import { startTestIdp, type TestIdp } from "../support/saml-idp";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/real-session")).realSession() }));

const { getActor, getSessionUser, requireActor, requireActorWithNav } = await import("@/lib/actor");
const { performTenantAction } = await import("@/lib/actions/tenant-action");
const { switchTenant } = await import("@/app/t/[slug]/actions");
const { updateGeneralSettings } = await import("@/app/t/[slug]/settings/actions");
const { deployPackageToTenant } = await import("@/app/t/[slug]/packages/actions");
const { setTenantLicense } = await import("@/app/admin/actions");
const { requireSuperadmin } = await import("@/lib/platform-page");
const { default: MembersPage } = await import("@/app/t/[slug]/members/page");
const { default: ProfilePage } = await import("@/app/profile/page");
const { default: HomePage } = await import("@/app/page");

const ORIGIN = "http://localhost:3000";
type Tenant = Awaited<ReturnType<typeof createTenant>>;
let idp: TestIdp;
let a: Tenant;
let b: Tenant;
let spA: string;
/** An account that is Admin of B, whose address A's Admin made a member (and an approved domain) of A. */
let victim: { id: string; email: string };
/** A superadmin who is also a member of A. */
let root: { id: string; email: string };

/** A's IdP asserts `email`; the browser then holds the session the sign-in opened. */
async function signInThroughA(email: string) {
  const result = await signInWithSaml({ slug: a.slug, form: { SAMLResponse: await idp.loginResponse(spA, { email }) }, origin: ORIGIN, ip: "198.51.100.7" });
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
  browser.sessionToken = result.sessionToken;
  return result;
}

/** A session the account opened itself (password), unbound. */
async function ownSignIn(userId: string) {
  const token = `own-${uniqueSuffix()}${uniqueSuffix()}`;
  await withSystem((tx) => tx.insert(sessions).values({ sessionToken: token, userId, expires: new Date(Date.now() + 3600_000), authMethod: "password" }));
  browser.sessionToken = token;
}

const tenantName = (tenant: Tenant) => withSystem(async (tx) => (await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenant.id)))[0]!.name);
const redirectTarget = (digest: string) => (digest.startsWith("NEXT_REDIRECT") ? new URL(digest.split(";")[2]!, "http://app.test") : null);

beforeAll(async () => {
  idp = startTestIdp({ entityId: `https://idp-${uniqueSuffix()}.example.test/metadata`, ssoUrl: "http://localhost:3999/sso" });
  [a, b] = [await createTenant("bound-a"), await createTenant("bound-b")];
  spA = serviceProviderMetadata(ORIGIN, a.slug);
  const domain = `victim-${uniqueSuffix()}.example.test`;
  const parsed = parseIdpMetadata(idp.metadata);
  if (!parsed.ok) throw new Error(parsed.message);
  await withTenant({ tenantId: a.id, userId: null }, async (tx) => {
    await addApprovedDomain(tx, domain);
    const { entityId, ssoUrl, certs } = parsed.metadata;
    await upsertSamlConfig(tx, { idpMetadataXml: idp.metadata, idpEntityId: entityId, idpSsoUrl: ssoUrl, idpCerts: certs, emailAttribute: "email" });
  });
  const [v, r] = [await createUser("victim"), await createUser("root")];
  victim = { id: v.id, email: `admin-of-b-${uniqueSuffix()}@${domain}` };
  root = { id: r.id, email: `root-${uniqueSuffix()}@${domain}` };
  await withSystem(async (tx) => {
    await tx.update(users).set({ email: victim.email }).where(eq(users.id, victim.id));
    await tx.update(users).set({ email: root.email, isSuperadmin: true }).where(eq(users.id, root.id));
  });
  await addMember(b.id, victim.id, ["admin"]);
  await addMember(a.id, victim.id, ["viewer"]);
  await addMember(a.id, root.id, ["viewer"]);
});

beforeEach(() => {
  browser.sessionToken = null;
});

describe("a session opened by tenant A's single sign-on", () => {
  it("opens (no refusal any more) and is bound to A in its row", async () => {
    const result = await signInThroughA(victim.email);
    const [row] = await withSystem((tx) => tx.select().from(sessions).where(eq(sessions.sessionToken, result.sessionToken)));
    expect(row).toMatchObject({ authMethod: "saml", ssoTenantId: a.id });
    expect((await getActor(a.slug))?.tenant.id).toBe(a.id);
  });

  it("attack: reads nothing of B: no actor, B's pages send it to sign in (like a signed-out visitor)", async () => {
    await signInThroughA(victim.email);
    expect(await getActor(b.slug)).toBeNull();
    for (const page of [requireActor(b.slug), MembersPage({ params: Promise.resolve({ slug: b.slug }), searchParams: Promise.resolve({}) } as never)]) {
      const target = redirectTarget(await navigationOf(page));
      expect(target?.pathname).toBe("/login");
      expect(target?.searchParams.get("callbackUrl")).toBe(`/t/${b.slug}`);
    }
    // A tenant that does not exist answers the same: being sent to sign in reveals nothing of B.
    expect(redirectTarget(await navigationOf(requireActor(`no-such-${uniqueSuffix()}`)))?.pathname).toBe("/login");
  });

  it("attack: changes nothing of B: B's actions answer 'sign in', a deploy into B finds no B", async () => {
    await signInThroughA(victim.email);
    const before = await tenantName(b);
    const renamed = await updateGeneralSettings(b.slug, null, { name: "Taken over", contactEmail: "" });
    expect(renamed).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await switchTenant(b.slug, null, {})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await tenantName(b)).toBe(before);
    const deploy = await deployPackageToTenant(a.slug, null, { packageId: "00000000-0000-4000-8000-000000000000", environment: "production", targetTenant: b.slug });
    expect(deploy).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("attack: an actor forged for B (the bound user with B's tenant) is refused inside the writing transaction", async () => {
    await signInThroughA(victim.email);
    const inA = (await getActor(a.slug))!;
    const forged = { ...inA, tenant: { ...inA.tenant, id: b.id, slug: b.slug }, roles: ["admin" as const] };
    const write = performTenantAction(updateGeneralSettings.definition, { actor: forged, ip: null }, { name: "Forged", contactEmail: "" });
    await expect(write).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await tenantName(b)).not.toBe("Forged");
  });

  it("lists only A in the switcher, and offers neither the console nor a new tenant", async () => {
    await signInThroughA(root.email);
    const { nav } = await requireActorWithNav(a.slug);
    expect(nav.tenants.map((tenant) => tenant.id)).toEqual([a.id]);
    expect(nav).toMatchObject({ isSuperadmin: false, canCreateTenants: false });
  });

  it("attack: a superadmin signed in by A's IdP reaches no console page, action, or other tenant", async () => {
    const result = await signInThroughA(root.email);
    expect(await getSessionUser()).toBeNull();
    expect(await isSuperadminRequest({ get: (name) => (name === SESSION_COOKIE ? { value: result.sessionToken } : undefined) })).toBe(false);
    expect(await navigationOf(requireSuperadmin())).toMatch(/404/);
    expect(await setTenantLicense(null, { tenantId: b.id, license: "enterprise" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    // No superadmin visit of B (which a superadmin's own session may make).
    expect(await getActor(b.slug)).toBeNull();
  });

  it("is nobody's outside tenants: the profile sends it to sign in, / goes to A", async () => {
    await signInThroughA(victim.email);
    expect(redirectTarget(await navigationOf(ProfilePage({ searchParams: Promise.resolve({}) })))?.pathname).toBe("/login");
    expect(redirectTarget(await navigationOf(HomePage()))?.pathname).toBe(`/t/${a.slug}`);
  });

  it("control: the account's own sign-in (unbound) does open B and the console, so the binding is what closed them", async () => {
    await ownSignIn(victim.id);
    expect((await getActor(b.slug))?.tenant.id).toBe(b.id);
    await ownSignIn(root.id);
    expect(await isSuperadminRequest({ get: (name) => (name === SESSION_COOKIE ? { value: browser.sessionToken! } : undefined) })).toBe(true);
  });

  it("satisfies only its own tenant's 'Require single sign-on'", () => {
    const requirement = { requireSso: true, breakGlassUserId: null };
    const user = { id: victim.id, authMethod: "saml" as const, ssoTenantId: a.id };
    expect(ssoPolicyAllows(requirement, user, a.id)).toBe(true);
    expect(ssoPolicyAllows(requirement, user, b.id)).toBe(false);
  });

  it("the database refuses a single sign-on session without its tenant", async () => {
    const insert = withSystem((tx) => tx.insert(sessions).values({ sessionToken: `x-${uniqueSuffix()}`, userId: victim.id, expires: new Date(Date.now() + 60_000), authMethod: "oidc" }));
    await expect(insert).rejects.toThrow();
  });
});
