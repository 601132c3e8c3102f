// OpenID Connect sign-in against a real OpenID provider (oidc-provider on a local port, signing real ID
// tokens with its own key): the authorization code flow with PKCE, state and nonce opens an Auth.js
// database session (auth_method 'oidc') and adds new accounts of approved domains to the tenant's
// default group (Viewer, or what the Admin chose: the same code as SAML, tests/sso/saml-sign-in.test.ts). Attacks:
// a missing or foreign state, a replayed callback or code, ID tokens for another audience, from another
// issuer, expired or with another nonce, an address of another tenant's domain, and tenant B finishing
// A's sign-in: each refused with nothing created but its log entry. An account that reaches beyond the
// tenant signs in with a session bound to the tenant (tests/sso/sso-session-binding.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { addApprovedDomain } from "@/db/queries/approved-domains";
import { upsertOidcConfig } from "@/db/queries/oidc";
import { insertGroup } from "@/db/queries/groups";
import { activity, memberships, oidcConfigs, sessions, tenantGroupMembers, users } from "@/db/schema";
import { withSystem, withTenant } from "@/db/scopes";
import { oidcRedirectUri } from "@/lib/sso/oidc-client";
import { encryptOidcClientSecret } from "@/lib/sso/oidc-secret";
import { signInWithOidc } from "@/lib/sso/oidc-sign-in";
import { startOidcSignIn } from "@/lib/sso/oidc-start";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { allowLocalTargetsInThisFile } from "../support/local-targets";
import { startTestOp, type TestOp } from "../support/oidc-op";

const ORIGIN = "http://localhost:3000";

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let op: TestOp;
let a: Tenant;
let b: Tenant;
let domainA: string;
let domainB: string;

async function configure(tenant: Tenant, domain: string) {
  const client = await op.registerClient([oidcRedirectUri(ORIGIN, tenant.slug)]);
  await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
    await addApprovedDomain(tx, domain);
    await upsertOidcConfig(tx, { issuer: op.issuer, clientId: client.clientId, ...encryptOidcClientSecret(tenant.id, client.clientSecret), emailClaim: "email" });
  });
}

/** The browser's part: "Sign in with single sign-on", the provider's login form as `email`, back to our callback. */
async function throughProvider(tenant: Tenant, email: string, returnTo = `/t/${tenant.slug}`) {
  const started = await startOidcSignIn(tenant.slug, returnTo, ORIGIN);
  if (!started) throw new Error("not configured");
  return { callbackUrl: await op.signInAs(started.location, email), state: started.state };
}

const finish = (tenant: Tenant, callbackUrl: URL, cookieState: string | null) =>
  signInWithOidc({ slug: tenant.slug, callbackUrl, cookieState, origin: ORIGIN, ip: "198.51.100.9" });
const userByEmail = (email: string) => withSystem(async (tx) => (await tx.select().from(users).where(eq(users.email, email)))[0] ?? null);
const sessionsOf = (userId: string) => withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, userId)));
const entries = (tenant: Tenant, action: string) =>
  withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenant.id), eq(activity.action, action))).orderBy(asc(activity.createdAt)));
const lastRefusalDetail = async (tenant: Tenant) => ((await entries(tenant, "sso.sign_in_refused")).at(-1)?.details as { reason: string; detail: string }) ?? null;

allowLocalTargetsInThisFile();

beforeAll(async () => {
  op = await startTestOp();
  [a, b] = [await createTenant("oidc-a"), await createTenant("oidc-b")];
  [domainA, domainB] = [`a-${uniqueSuffix()}.example.test`, `b-${uniqueSuffix()}.example.test`];
  await configure(a, domainA);
  await configure(b, domainB);
});

afterAll(async () => {
  await op?.close();
});

describe("OpenID Connect sign-in", () => {
  it("a new address of an approved domain joins as Viewer with an OIDC session, returning to the asked path", async () => {
    const email = `new-${uniqueSuffix()}@${domainA}`;
    const { callbackUrl, state } = await throughProvider(a, email, `/t/${a.slug}/members`);
    expect(callbackUrl.href.startsWith(oidcRedirectUri(ORIGIN, a.slug))).toBe(true);
    const result = await finish(a, callbackUrl, state);
    expect(result).toMatchObject({ ok: true, email, tenantSlug: a.slug, returnTo: `/t/${a.slug}/members` });
    const user = await userByEmail(email);
    const membership = await withTenant({ tenantId: a.id, userId: null }, (tx) => tx.select().from(memberships).where(eq(memberships.userId, user!.id)));
    expect(membership).toMatchObject([{ roles: ["viewer"], status: "active" }]);
    expect(await sessionsOf(user!.id)).toMatchObject([{ authMethod: "oidc", sessionToken: result.ok ? result.sessionToken : "" }]);
    const [signedIn] = (await entries(a, "sso.signed_in")).filter((entry) => entry.actorUserId === user!.id);
    expect(signedIn?.details).toMatchObject({ protocol: "oidc", issuer: op.issuer, subject: email, joined: true });
  });

  it("a new address joins the custom group the Admin chose as the default, said in the log", async () => {
    const group = await withTenant({ tenantId: a.id, userId: null }, (tx) => insertGroup(tx, { name: `Field team ${uniqueSuffix()}`, permissions: ["tenant.read", "flows.run"] }));
    const setGroup = (defaultGroupId: string | null) =>
      withTenant({ tenantId: a.id, userId: null }, (tx) => tx.update(oidcConfigs).set({ defaultGroupId }).where(eq(oidcConfigs.tenantId, a.id)));
    await setGroup(group.id);
    try {
      const email = `grouped-${uniqueSuffix()}@${domainA}`;
      const { callbackUrl, state } = await throughProvider(a, email);
      expect(await finish(a, callbackUrl, state)).toMatchObject({ ok: true, email });
      const user = (await userByEmail(email))!;
      const [membership, inGroups] = await withTenant({ tenantId: a.id, userId: null }, async (tx) => [
        await tx.select().from(memberships).where(eq(memberships.userId, user.id)),
        await tx.select().from(tenantGroupMembers).where(eq(tenantGroupMembers.userId, user.id)),
      ]);
      expect(membership).toMatchObject([{ roles: [], status: "active" }]);
      expect(inGroups).toMatchObject([{ groupId: group.id }]);
      const [signedIn] = (await entries(a, "sso.signed_in")).filter((entry) => entry.actorUserId === user.id);
      expect(signedIn).toMatchObject({ summary: `${email} signed in with single sign-on and joined as ${group.name}`, details: { joinedAs: { groupId: group.id, name: group.name } } });
    } finally {
      await setGroup(null);
    }
  });

  it("an existing active member signs in without joining again", async () => {
    const member = await createUser("oidc-member");
    const email = `member-${uniqueSuffix()}@${domainA}`;
    await withSystem((tx) => tx.update(users).set({ email }).where(eq(users.id, member.id)));
    await addMember(a.id, member.id, ["editor"]);
    const { callbackUrl, state } = await throughProvider(a, email);
    expect(await finish(a, callbackUrl, state)).toMatchObject({ ok: true, userId: member.id });
    const membership = await withTenant({ tenantId: a.id, userId: null }, (tx) => tx.select().from(memberships).where(eq(memberships.userId, member.id)));
    expect(membership).toMatchObject([{ roles: ["editor"] }]);
  });

  it("keeps the client secret encrypted at rest", async () => {
    const [row] = await withTenant({ tenantId: a.id, userId: null }, (tx) => tx.select().from(oidcConfigs).where(eq(oidcConfigs.tenantId, a.id)));
    expect(Object.keys(row!)).not.toContain("clientSecret");
    expect(row!.secretCiphertext).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(row!.secretAuthTag).not.toBe("");
  });

  it("attack: an account that is Admin of another tenant signs in only with a session bound to this tenant", async () => {
    const shared = await createUser("oidc-shared");
    const email = `shared-${uniqueSuffix()}@${domainA}`;
    await withSystem((tx) => tx.update(users).set({ email }).where(eq(users.id, shared.id)));
    await addMember(a.id, shared.id, ["viewer"]);
    await addMember(b.id, shared.id, ["admin"]);
    const { callbackUrl, state } = await throughProvider(a, email);
    expect(await finish(a, callbackUrl, state)).toMatchObject({ ok: true, email });
    expect(await sessionsOf(shared.id)).toMatchObject([{ authMethod: "oidc", ssoTenantId: a.id }]);
  });

  describe("refuses, creating nothing", () => {
    /** Refused for `reason`, the log naming `detail` (so the test fails if it is refused for another cause). */
    async function refused(tenant: Tenant, attempt: Promise<Awaited<ReturnType<typeof finish>>>, email: string, reason: string, detail: RegExp) {
      expect(await attempt).toEqual({ ok: false, reason });
      expect(await lastRefusalDetail(tenant)).toMatchObject({ reason, detail: expect.stringMatching(detail) });
      const user = await userByEmail(email);
      if (user) expect(await sessionsOf(user.id)).toEqual([]);
      else expect(user).toBeNull();
    }

    it("a callback without a state, or with a state that is not this browser's", async () => {
      const email = `state-${uniqueSuffix()}@${domainA}`;
      const { callbackUrl, state } = await throughProvider(a, email);
      const stateless = new URL(callbackUrl);
      stateless.searchParams.delete("state");
      await refused(a, finish(a, stateless, state), email, "invalid_response", /no state/);
      await refused(a, finish(a, callbackUrl, "another-browsers-state"), email, "invalid_response", /not this browser's/);
      await refused(a, finish(a, callbackUrl, null), email, "invalid_response", /not this browser's/);
      // The state was never taken: the real browser still finishes.
      expect(await finish(a, callbackUrl, state)).toMatchObject({ ok: true, email });
    });

    it("a replayed callback, and its code under a fresh state", async () => {
      const email = `replay-${uniqueSuffix()}@${domainA}`;
      const { callbackUrl, state } = await throughProvider(a, email);
      expect(await finish(a, callbackUrl, state)).toMatchObject({ ok: true });
      const user = await userByEmail(email);
      expect(await finish(a, callbackUrl, state)).toEqual({ ok: false, reason: "replayed" });
      // The code again, with a state the attacker started himself: PKCE and the provider refuse it.
      const fresh = await startOidcSignIn(a.slug, `/t/${a.slug}`, ORIGIN);
      const replayedCode = new URL(callbackUrl);
      replayedCode.searchParams.set("state", fresh!.state);
      expect(await finish(a, replayedCode, fresh!.state)).toEqual({ ok: false, reason: "invalid_response" });
      expect(await lastRefusalDetail(a)).toMatchObject({ detail: expect.stringMatching(/invalid_grant|grant request is invalid/) });
      expect(await sessionsOf(user!.id)).toHaveLength(1);
    });

    describe("ID tokens the provider's key signed with one claim bent", () => {
      const now = () => Math.floor(Date.now() / 1000);
      const bent = [
        { name: "for another client (wrong audience)", tamper: { aud: "another-client" }, detail: /aud/ },
        { name: "from another issuer", tamper: () => ({ iss: `${op.issuer}/elsewhere` }), detail: /iss/ },
        { name: "expired", tamper: () => ({ iat: now() - 7200, exp: now() - 3600 }), detail: /exp/ },
        { name: "with another nonce", tamper: { nonce: "not-the-nonce-we-sent" }, detail: /nonce/ },
      ];
      for (const { name, tamper, detail } of bent) {
        it(name, async () => {
          const email = `bent-${uniqueSuffix()}@${domainA}`;
          const { callbackUrl, state } = await throughProvider(a, email);
          op.tamper = (claims) => ({ ...claims, ...(typeof tamper === "function" ? tamper() : tamper) });
          try {
            await refused(a, finish(a, callbackUrl, state), email, "invalid_response", detail);
          } finally {
            op.tamper = null;
          }
        });
      }

      it("(the untampered re-signing is accepted: the bent claim is what is refused)", async () => {
        const email = `resigned-${uniqueSuffix()}@${domainA}`;
        const { callbackUrl, state } = await throughProvider(a, email);
        op.tamper = (claims) => claims;
        try {
          expect(await finish(a, callbackUrl, state)).toMatchObject({ ok: true, email });
        } finally {
          op.tamper = null;
        }
      });
    });

    it("an address the provider says is unverified", async () => {
      const email = `unverified-${uniqueSuffix()}@${domainA}`;
      const { callbackUrl, state } = await throughProvider(a, email);
      op.emailVerified = false;
      try {
        await refused(a, finish(a, callbackUrl, state), email, "no_email", /no verified address/);
      } finally {
        op.emailVerified = true;
      }
    });

    it("an address of another tenant's domain", async () => {
      const email = `other-${uniqueSuffix()}@${domainB}`;
      const { callbackUrl, state } = await throughProvider(a, email);
      await refused(a, finish(a, callbackUrl, state), email, "domain_not_approved", /outside the approved domains/);
    });

    it("tenant B finishing a sign-in tenant A started (A's state at B's callback)", async () => {
      const email = `crossed-${uniqueSuffix()}@${domainB}`;
      const { callbackUrl, state } = await throughProvider(a, email);
      const atB = new URL(oidcRedirectUri(ORIGIN, b.slug));
      atB.search = callbackUrl.search;
      await refused(b, finish(b, atB, state), email, "replayed", /started by this tenant/);
      // A's sign-in was not spent by B's attempt: A refuses the address for its own reason.
      await refused(a, finish(a, callbackUrl, state), email, "domain_not_approved", /outside the approved domains/);
    });
  });
});
