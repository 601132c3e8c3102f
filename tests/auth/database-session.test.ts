// The session pages read (lib/database-session.ts, lib/auth.ts's `auth`) answers exactly what Auth.js's
// own session endpoint answers for the same row, with the same effects on the row: expired sessions
// deleted with their sign-out entry, expiries moved on once a day. Each case builds two identical
// sessions, one read by Auth.js's handler and one by the direct read, and compares.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { NextRequest } from "next/server";
import { withSystem, withTenant } from "@/db/scopes";
import { insertSession } from "@/db/queries/sessions";
import { activity, sessions, userTwoFactor, type AuthMethod } from "@/db/schema";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "@/lib/session-cookie";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";

const request = vi.hoisted(() => ({ headers: new Headers(), cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined) }),
}));

const { handlers, auth } = await import("@/lib/auth");

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_AGE_MS = SESSION_MAX_AGE_SECONDS * 1000;

/** Auth.js's answer for this cookie, through its own /api/auth/session handler. */
async function authJsSession(cookie: string, origin = "http://localhost:3000") {
  const response = await handlers.GET(new NextRequest(`${origin}/api/auth/session`, { headers: { cookie } }));
  return (await response.json()) as Record<string, unknown> | null;
}

/** The direct read's answer for a request with this cookie (over http unless `proto` says otherwise). */
async function directSession(name: string, value: string, proto = "http") {
  request.headers = new Headers({ "x-forwarded-proto": proto });
  request.cookies = new Map([[name, value]]);
  return (await auth()) as Record<string, unknown> | null;
}

type Row = { expires: Date; authMethod?: AuthMethod; secondFactorAt?: Date | null; ssoTenantId?: string | null };

/** Two sessions of `userId` with the same row: [read by Auth.js, read directly]. */
async function twinSessions(userId: string, row: Row): Promise<[string, string]> {
  const tokens: [string, string] = [`auth-${uniqueSuffix()}${uniqueSuffix()}`, `direct-${uniqueSuffix()}${uniqueSuffix()}`];
  await withSystem(async (tx) => {
    for (const sessionToken of tokens) await insertSession(tx, { sessionToken, userId, ...row });
  });
  return tokens;
}

async function expiriesOf(tokens: string[]) {
  const rows = await withSystem((tx) => tx.select().from(sessions).where(inArray(sessions.sessionToken, tokens)));
  return new Map(rows.map((row) => [row.sessionToken, row.expires.valueOf()]));
}

/** Both answers for twin sessions of this row (plain cookie over http). */
async function bothAnswers(userId: string, row: Row) {
  const [viaAuthJs, direct] = await twinSessions(userId, row);
  const answers = { authJs: await authJsSession(`authjs.session-token=${viaAuthJs}`), direct: await directSession("authjs.session-token", direct) };
  return { ...answers, tokens: [viaAuthJs, direct] as const };
}

let user: Awaited<ReturnType<typeof createUser>>;
let tenant: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  user = await createUser("direct-session");
  tenant = await createTenant("direct-session");
  await addMember(tenant.id, user.id, ["viewer"]);
});

describe("the direct session read answers as Auth.js does", () => {
  it("a live session: the same payload (user, expiry, method, second factor, binding), no expiry write", async () => {
    const expires = new Date(Date.now() + MAX_AGE_MS - DAY_MS / 2);
    const { authJs, direct, tokens } = await bothAnswers(user.id, { expires, authMethod: "password" });
    expect(authJs).toMatchObject({ user: { id: user.id, email: user.email }, authMethod: "password", twoFactor: "off", ssoTenantId: null });
    expect(direct).toEqual(authJs);
    expect([...(await expiriesOf([...tokens])).values()]).toEqual([expires.valueOf(), expires.valueOf()]);
  });

  it("a session due for its daily move: both expiries move on to a full max age", async () => {
    const expires = new Date(Date.now() + MAX_AGE_MS - SESSION_UPDATE_AGE_SECONDS * 1000 - 60_000);
    const before = Date.now();
    const { authJs, direct, tokens } = await bothAnswers(user.id, { expires });
    expect(direct).toEqual(authJs);
    for (const moved of (await expiriesOf([...tokens])).values()) {
      expect(moved).toBeGreaterThanOrEqual(before + MAX_AGE_MS - 1000);
      expect(moved).toBeLessThanOrEqual(Date.now() + MAX_AGE_MS + 1000);
    }
  });

  it("an expired session: no session, the row deleted and a sign-out entry written, by both", async () => {
    const { authJs, direct, tokens } = await bothAnswers(user.id, { expires: new Date(Date.now() - 60_000) });
    expect(authJs).toBeNull();
    expect(direct).toBeNull();
    expect((await expiriesOf([...tokens])).size).toBe(0);
    const signOuts = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.tenantId, tenant.id), eq(activity.action, "auth.signed_out"), eq(activity.actorUserId, user.id))),
    );
    expect(signOuts).toHaveLength(2);
  });

  it("second factor: pending until passed for a user with two-factor on", async () => {
    const enrolled = await createUser("direct-2fa");
    await withSystem((tx) =>
      tx.insert(userTwoFactor).values({ userId: enrolled.id, keyId: "test", iv: "iv", authTag: "tag", ciphertext: "secret", confirmedAt: new Date() }),
    );
    const expires = new Date(Date.now() + MAX_AGE_MS - DAY_MS / 2);
    const pending = await bothAnswers(enrolled.id, { expires });
    expect(pending.authJs).toMatchObject({ twoFactor: "pending" });
    expect(pending.direct).toEqual(pending.authJs);
    const passed = await bothAnswers(enrolled.id, { expires, secondFactorAt: new Date() });
    expect(passed.authJs).toMatchObject({ twoFactor: "passed" });
    expect(passed.direct).toEqual(passed.authJs);
  });

  it("a session a tenant's single sign-on opened carries its tenant", async () => {
    const expires = new Date(Date.now() + MAX_AGE_MS - DAY_MS / 2);
    const { authJs, direct } = await bothAnswers(user.id, { expires, authMethod: "saml", ssoTenantId: tenant.id });
    expect(authJs).toMatchObject({ authMethod: "saml", ssoTenantId: tenant.id });
    expect(direct).toEqual(authJs);
  });

  it("no session for an unknown token, a forged cookie or no cookie", async () => {
    expect(await authJsSession("authjs.session-token=no-such-session")).toBeNull();
    expect(await directSession("authjs.session-token", "no-such-session")).toBeNull();
    expect(await directSession("authjs.session-token", "x".repeat(100_000))).toBeNull();
    expect(await directSession("authjs.session-token", "bad\u0000token")).toBeNull();
    expect(await directSession("other-cookie", "anything")).toBeNull();
  });

  it("reads the cookie Auth.js reads: __Secure- prefixed over https, plain over http, never the other", async () => {
    const expires = new Date(Date.now() + MAX_AGE_MS - DAY_MS / 2);
    const [viaAuthJs, direct] = await twinSessions(user.id, { expires });
    const overHttps = await authJsSession(`__Secure-authjs.session-token=${viaAuthJs}`, "https://localhost:3000");
    expect(overHttps).toMatchObject({ user: { id: user.id } });
    expect(await directSession("__Secure-authjs.session-token", direct, "https")).toEqual(overHttps);
    // The other name for the protocol is no session, for Auth.js and for the direct read.
    expect(await authJsSession(`authjs.session-token=${viaAuthJs}`, "https://localhost:3000")).toBeNull();
    expect(await directSession("authjs.session-token", direct, "https")).toBeNull();
    expect(await directSession("__Secure-authjs.session-token", direct, "http")).toBeNull();
  });
});
