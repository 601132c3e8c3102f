// SAML sign-in against a real identity provider (samlify, signing real XML with its own key): SP- and
// IdP-initiated sign-ins open an Auth.js database session and add new accounts of approved domains to
// the tenant's default group (Viewer unless an Admin chose Editor or a custom group); unsigned, wrongly signed, mis-addressed, expired, replayed and other tenants' assertions are
// refused with nothing created but the refusal's own log entry.
import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, memberships, samlConfigs, sessions, tenantGroupMembers, users } from "@/db/schema";
import { deleteGroup, insertGroup } from "@/db/queries/groups";
import { addApprovedDomain } from "@/db/queries/approved-domains";
import { upsertSamlConfig } from "@/db/queries/saml";
import { setTenantArchivedAt } from "@/db/queries/tenants";
import { parseIdpMetadata } from "@/lib/sso/idp-metadata";
import { serviceProviderMetadata } from "@/lib/sso/saml-service-provider";
import { signInWithSaml } from "@/lib/sso/saml-sign-in";
import { startSamlSignIn } from "@/lib/sso/saml-start";
import { addMember, createTenant, createUser, databaseErrorOf, uniqueSuffix } from "../support/fixtures";
import { startTestIdp, type TestIdp } from "../support/saml-idp";

const ORIGIN = "http://localhost:3000";
const IDP_SSO_URL = "http://localhost:3999/sso";

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let idp: TestIdp;
let a: Tenant;
let b: Tenant;
let domainA: string;
let domainB: string;
let spA: string;
let spB: string;

async function configure(tenant: Tenant, domain: string, metadata: string) {
  const parsed = parseIdpMetadata(metadata);
  if (!parsed.ok) throw new Error(parsed.message);
  await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
    await addApprovedDomain(tx, domain);
    await upsertSamlConfig(tx, {
      idpMetadataXml: metadata,
      idpEntityId: parsed.metadata.entityId,
      idpSsoUrl: parsed.metadata.ssoUrl,
      idpCerts: parsed.metadata.certs,
      emailAttribute: "email",
    });
  });
}

const post = (tenant: Tenant, SAMLResponse: string, RelayState?: string) =>
  signInWithSaml({ slug: tenant.slug, form: { SAMLResponse, ...(RelayState ? { RelayState } : {}) }, origin: ORIGIN, ip: "198.51.100.7" });
const userByEmail = (email: string) => withSystem(async (tx) => (await tx.select().from(users).where(eq(users.email, email)))[0] ?? null);
const sessionsOf = (userId: string) => withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, userId)));
const entries = (tenant: Tenant, action: string) =>
  withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenant.id), eq(activity.action, action))).orderBy(asc(activity.createdAt)));

beforeAll(async () => {
  idp = startTestIdp({ entityId: `https://idp-${uniqueSuffix()}.example.test/metadata`, ssoUrl: IDP_SSO_URL });
  [a, b] = [await createTenant("sso-a"), await createTenant("sso-b")];
  [domainA, domainB] = [`a-${uniqueSuffix()}.example.test`, `b-${uniqueSuffix()}.example.test`];
  await configure(a, domainA, idp.metadata);
  await configure(b, domainB, idp.metadata);
  [spA, spB] = [serviceProviderMetadata(ORIGIN, a.slug), serviceProviderMetadata(ORIGIN, b.slug)];
});

describe("SAML sign-in", () => {
  it("IdP-initiated: a new address of an approved domain joins as Viewer with a SAML session", async () => {
    const email = `new-${uniqueSuffix()}@${domainA}`;
    const result = await post(a, await idp.loginResponse(spA, { email }));
    expect(result).toMatchObject({ ok: true, email, tenantSlug: a.slug });
    const user = await userByEmail(email);
    expect(user).not.toBeNull();
    const membership = await withTenant({ tenantId: a.id, userId: null }, (tx) => tx.select().from(memberships).where(eq(memberships.userId, user!.id)));
    expect(membership).toMatchObject([{ roles: ["viewer"], status: "active" }]);
    expect(await sessionsOf(user!.id)).toMatchObject([{ authMethod: "saml", sessionToken: result.ok ? result.sessionToken : "" }]);
    expect((await entries(a, "sso.signed_in")).filter((e) => e.actorUserId === user!.id)).toHaveLength(1);
  });

  describe("the default group for new single sign-on users", () => {
    const setDefault = (tenant: Tenant, change: { defaultRole?: "viewer" | "editor"; defaultGroupId?: string | null }) =>
      withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.update(samlConfigs).set({ defaultRole: "viewer", defaultGroupId: null, ...change }).where(eq(samlConfigs.tenantId, tenant.id)));
    const newGroup = (tenant: Tenant, name: string, permissions: string[] = ["tenant.read", "flows.read"]) =>
      withTenant({ tenantId: tenant.id, userId: null }, (tx) => insertGroup(tx, { name: `${name} ${uniqueSuffix()}`, permissions }));
    /** Signs a new address in; its membership's roles, custom groups and the sign-in's log entry. */
    const firstSignIn = async (tenant: Tenant, sp: string, domain: string) => {
      const email = `first-${uniqueSuffix()}@${domain}`;
      expect(await post(tenant, await idp.loginResponse(sp, { email }))).toMatchObject({ ok: true, email });
      const user = (await userByEmail(email))!;
      return withTenant({ tenantId: tenant.id, userId: null }, async (tx) => ({
        roles: (await tx.select().from(memberships).where(eq(memberships.userId, user.id)))[0]?.roles,
        groupIds: (await tx.select().from(tenantGroupMembers).where(eq(tenantGroupMembers.userId, user.id))).map((row) => row.groupId),
        summary: (await tx.select().from(activity).where(and(eq(activity.action, "sso.signed_in"), eq(activity.actorUserId, user.id))))[0]?.summary,
      }));
    };

    it("joins Editor when the Admin chose Editor, and says so in the log", async () => {
      await setDefault(a, { defaultRole: "editor" });
      try {
        expect(await firstSignIn(a, spA, domainA)).toEqual({ roles: ["editor"], groupIds: [], summary: expect.stringMatching(/joined as Editor$/) });
      } finally {
        await setDefault(a, {});
      }
    });

    it("joins the chosen custom group (and no built-in one); deleting the group falls back to Viewer", async () => {
      const group = await newGroup(a, "Support");
      await setDefault(a, { defaultGroupId: group.id });
      expect(await firstSignIn(a, spA, domainA)).toEqual({ roles: [], groupIds: [group.id], summary: expect.stringMatching(new RegExp(`joined as ${group.name}$`)) });
      // The group goes (with its member: the test user has no other group, so take them out first);
      // the foreign key clears the choice and the next newcomer is a Viewer.
      await withTenant({ tenantId: a.id, userId: null }, async (tx) => {
        await tx.delete(memberships).where(and(eq(memberships.tenantId, a.id), sql`${memberships.userId} in (select user_id from tenant_group_members where group_id = ${group.id})`));
        await deleteGroup(tx, group.id);
      });
      expect(await withTenant({ tenantId: a.id, userId: null }, (tx) => tx.select().from(samlConfigs))).toMatchObject([{ defaultRole: "viewer", defaultGroupId: null }]);
      expect(await firstSignIn(a, spA, domainA)).toEqual({ roles: ["viewer"], groupIds: [], summary: expect.stringMatching(/joined as Viewer$/) });
    });

    it("a group that gained an Admin permission after it was chosen is not used: Viewer instead", async () => {
      const group = await newGroup(a, "Grew");
      await setDefault(a, { defaultGroupId: group.id });
      await withTenant({ tenantId: a.id, userId: null }, (tx) => tx.execute(sql`update tenant_groups set permissions = array['tenant.read', 'members.manage'] where id = ${group.id}`));
      try {
        expect(await firstSignIn(a, spA, domainA)).toEqual({ roles: ["viewer"], groupIds: [], summary: expect.stringMatching(/joined as Viewer$/) });
      } finally {
        await setDefault(a, {});
      }
    });

    it("attack: the database refuses Admin as the default, and another tenant's group (the key includes the tenant)", async () => {
      expect(await databaseErrorOf(withTenant({ tenantId: a.id, userId: null }, (tx) => tx.execute(sql`update saml_configs set default_role = 'admin'`)))).toMatch(/default_role_not_admin/);
      const groupOfB = await newGroup(b, "Theirs");
      expect(await databaseErrorOf(setDefault(a, { defaultGroupId: groupOfB.id }))).toMatch(/saml_configs_default_group_fk/);
      expect(await databaseErrorOf(setDefault(a, { defaultRole: "editor", defaultGroupId: (await newGroup(a, "Mine")).id }))).toMatch(/default_group_is_viewer_fallback/);
    });
  });

  it("SP-initiated: the response answers our AuthnRequest, returns to the asked path, and answers it once", async () => {
    const member = await createUser("sp-init");
    const email = `sp-${uniqueSuffix()}@${domainA}`;
    await withSystem((tx) => tx.update(users).set({ email }).where(eq(users.id, member.id)));
    await addMember(a.id, member.id, ["editor"]);
    const redirect = await startSamlSignIn(a.slug, `/t/${a.slug}/members`, ORIGIN);
    expect(redirect).toMatch(new RegExp(`^${IDP_SSO_URL}\\?SAMLRequest=`));
    const requestId = await idp.requestIdOf(spA, redirect!);
    const relayState = new URL(redirect!).searchParams.get("RelayState") ?? undefined;
    expect(relayState).toBe(`/t/${a.slug}/members`);

    const result = await post(a, await idp.loginResponse(spA, { email, inResponseTo: requestId }), relayState);
    expect(result).toMatchObject({ ok: true, userId: member.id, relayState: `/t/${a.slug}/members` });
    // A second, freshly signed answer to the same request: the request was answered already.
    expect(await post(a, await idp.loginResponse(spA, { email, inResponseTo: requestId }))).toEqual({ ok: false, reason: "invalid_response" });
    expect(await sessionsOf(member.id)).toHaveLength(1);
  });

  it("refuses an InResponseTo that names no request of ours", async () => {
    const email = `forged-${uniqueSuffix()}@${domainA}`;
    expect(await post(a, await idp.loginResponse(spA, { email, inResponseTo: "_not-our-request" }))).toEqual({ ok: false, reason: "invalid_response" });
    expect(await userByEmail(email)).toBeNull();
  });

  describe("refuses, creating nothing", () => {
    /** Refused for `reason`, the log naming `detail` (so the test fails if it is refused for another cause). */
    const refusedWithout = async (tenant: Tenant, SAMLResponse: string, email: string, reason: string, detail: RegExp) => {
      const before = (await entries(tenant, "sso.sign_in_refused")).length;
      expect(await post(tenant, SAMLResponse)).toEqual({ ok: false, reason });
      expect(((await entries(tenant, "sso.sign_in_refused")).at(-1)?.details as { detail: string }).detail).toMatch(detail);
      expect(await userByEmail(email)).toBeNull();
      expect(await entries(tenant, "sso.sign_in_refused")).toHaveLength(before + 1);
      expect(await entries(tenant, "sso.signed_in").then((rows) => rows.filter((row) => row.actorEmail === email))).toEqual([]);
    };

    it("an assertion that is not signed (only the response is)", async () => {
      const email = `unsigned-${uniqueSuffix()}@${domainA}`;
      await refusedWithout(a, await idp.loginResponse(spA, { email, signing: "response-only" }), email, "invalid_response", /Invalid signature/);
    });

    it("a response with no signature at all", async () => {
      const email = `nosig-${uniqueSuffix()}@${domainA}`;
      await refusedWithout(a, await idp.loginResponse(spA, { email, signing: "none" }), email, "invalid_response", /Invalid signature/);
    });

    it("an assertion signed by another key than the configured IdP's", async () => {
      const impostor = startTestIdp({ entityId: idp.entityId, ssoUrl: IDP_SSO_URL, key: "other-idp" });
      const email = `impostor-${uniqueSuffix()}@${domainA}`;
      // Same issuer name as the real IdP: only the signature tells them apart.
      const forged = await impostor.loginResponse(spA, { email, overrides: { Issuer: idp.entityId } });
      await refusedWithout(a, forged, email, "invalid_response", /Invalid signature/);
    });

    it("a wrong audience", async () => {
      const email = `audience-${uniqueSuffix()}@${domainA}`;
      await refusedWithout(a, await idp.loginResponse(spA, { email, overrides: { Audience: "https://elsewhere.example.test/sp" } }), email, "invalid_response", /audience mismatch/);
    });

    it("an expired assertion", async () => {
      const email = `expired-${uniqueSuffix()}@${domainA}`;
      const [issued, expired] = [new Date(Date.now() - 60 * 60 * 1000), new Date(Date.now() - 30 * 60 * 1000)];
      const overrides = {
        IssueInstant: issued.toISOString(),
        ConditionsNotBefore: issued.toISOString(),
        ConditionsNotOnOrAfter: expired.toISOString(),
        SubjectConfirmationDataNotOnOrAfter: expired.toISOString(),
      };
      await refusedWithout(a, await idp.loginResponse(spA, { email, overrides }), email, "invalid_response", /expired/);
    });

    it("an address of another tenant's domain", async () => {
      const email = `other-${uniqueSuffix()}@${domainB}`;
      await refusedWithout(a, await idp.loginResponse(spA, { email }), email, "domain_not_approved", /outside the approved domains/);
    });

    it("an assertion made for another tenant, posted to this tenant's ACS", async () => {
      const email = `crossed-${uniqueSuffix()}@${domainA}`;
      await refusedWithout(a, await idp.loginResponse(spB, { email }), email, "invalid_response", /audience mismatch/);
      // Nor does B take it with A's address: not one of B's domains.
      await refusedWithout(b, await idp.loginResponse(spB, { email }), email, "domain_not_approved", /outside the approved domains/);
    });
  });

  it("refuses a replayed assertion: one session, then a refusal", async () => {
    const email = `replay-${uniqueSuffix()}@${domainA}`;
    const response = await idp.loginResponse(spA, { email });
    expect(await post(a, response)).toMatchObject({ ok: true });
    const user = await userByEmail(email);
    expect(await post(a, response)).toEqual({ ok: false, reason: "replayed" });
    expect(await sessionsOf(user!.id)).toHaveLength(1);
    const refusals = await entries(a, "sso.sign_in_refused");
    expect(refusals.some((entry) => (entry.details as { reason?: string }).reason === "replayed" && entry.actorEmail === email)).toBe(true);
  });

  it("an archived tenant: an existing member still signs in (to read); a new address is refused (tenant_archived) and nothing is created", async () => {
    const tenant = await createTenant("sso-archived");
    const domain = `arch-${uniqueSuffix()}.example.test`;
    await configure(tenant, domain, idp.metadata);
    const sp = serviceProviderMetadata(ORIGIN, tenant.slug);
    const member = await createUser("archived-member");
    const memberEmail = `member-${uniqueSuffix()}@${domain}`;
    await withSystem((tx) => tx.update(users).set({ email: memberEmail }).where(eq(users.id, member.id)));
    await addMember(tenant.id, member.id, ["viewer"]);
    await withSystem((tx) => setTenantArchivedAt(tx, tenant.id, new Date()));

    expect(await post(tenant, await idp.loginResponse(sp, { email: memberEmail }))).toMatchObject({ ok: true, email: memberEmail });
    const newcomer = `new-${uniqueSuffix()}@${domain}`;
    expect(await post(tenant, await idp.loginResponse(sp, { email: newcomer }))).toEqual({ ok: false, reason: "tenant_archived" });
    expect(await userByEmail(newcomer)).toBeNull();
    expect((await entries(tenant, "sso.sign_in_refused")).map((entry) => (entry.details as { reason?: string }).reason)).toEqual(["tenant_archived"]);
  });

  it("does not sign in an existing account that is not an active member (nor enrol it)", async () => {
    const outsider = await createUser("outsider");
    const email = `outsider-${uniqueSuffix()}@${domainA}`;
    await withSystem((tx) => tx.update(users).set({ email }).where(eq(users.id, outsider.id)));
    expect(await post(a, await idp.loginResponse(spA, { email }))).toEqual({ ok: false, reason: "not_a_member" });
    expect(await sessionsOf(outsider.id)).toEqual([]);
    const membership = await withTenant({ tenantId: a.id, userId: null }, (tx) => tx.select().from(memberships).where(eq(memberships.userId, outsider.id)));
    expect(membership).toEqual([]);
  });

  it("attack: A's IdP signs in an account that also belongs to another tenant only with a session bound to A (tests/sso/sso-session-binding.test.ts)", async () => {
    const shared = await createUser("shared");
    const email = `shared-${uniqueSuffix()}@${domainA}`;
    await withSystem((tx) => tx.update(users).set({ email }).where(eq(users.id, shared.id)));
    await addMember(a.id, shared.id, ["viewer"]);
    const elsewhere = await createTenant("sso-elsewhere");
    await addMember(elsewhere.id, shared.id, ["admin"]);
    expect(await post(a, await idp.loginResponse(spA, { email }))).toMatchObject({ ok: true, email });
    expect(await sessionsOf(shared.id)).toMatchObject([{ authMethod: "saml", ssoTenantId: a.id }]);
  });

  it("attack: A's IdP signs in a superadmin who is a member of A only with a session bound to A (never the console's)", async () => {
    const root = await createUser("sso-root");
    const email = `root-${uniqueSuffix()}@${domainA}`;
    await withSystem((tx) => tx.update(users).set({ email, isSuperadmin: true }).where(eq(users.id, root.id)));
    await addMember(a.id, root.id, ["admin"]);
    expect(await post(a, await idp.loginResponse(spA, { email }))).toMatchObject({ ok: true, email });
    expect(await sessionsOf(root.id)).toMatchObject([{ authMethod: "saml", ssoTenantId: a.id }]);
  });

  it("answers a tenant without SAML, and no tenant at all, with a refusal", async () => {
    const plain = await createTenant("sso-none");
    expect(await post(plain, await idp.loginResponse(spA, { email: `x@${domainA}` }))).toEqual({ ok: false, reason: "not_configured" });
    expect(await signInWithSaml({ slug: "no-such-tenant-" + uniqueSuffix(), form: { SAMLResponse: "x" }, origin: ORIGIN, ip: null })).toEqual({ ok: false, reason: "no_such_tenant" });
  });
});
