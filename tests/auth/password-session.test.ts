// A session opened by password sign-in is an ordinary Auth.js database session: Auth.js reads it from
// the cookie, reports how it was opened (from the sessions row), never hands the token to the browser,
// and signs it out with the usual sign-out entry.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { withSystem, withTenant } from "@/db/scopes";
import { insertSession } from "@/db/queries/sessions";
import { setPasswordHash } from "@/db/queries/users";
import { activity, sessions } from "@/db/schema";
import { hashPassword } from "@/lib/passwords";
import { signInWithPassword } from "@/lib/password-sign-in";
import { usesSecureCookies } from "@/lib/session-cookie";
import { signOutThroughAuthJs } from "../support/auth-requests";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";


const { handlers } = await import("@/lib/auth");
const ORIGIN = "http://localhost:3000";

async function sessionEndpoint(sessionToken: string) {
  const response = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie: `authjs.session-token=${sessionToken}` } }));
  return (await response.json()) as Record<string, unknown> | null;
}

describe("password sessions in Auth.js", () => {
  it("are read from the cookie, with the auth method from the sessions row and no token in the payload", async () => {
    const user = await createUser("pw-session");
    await withSystem(async (tx) => setPasswordHash(tx, user.id, await hashPassword("a long enough password")));
    const result = await signInWithPassword({ email: user.email, password: "a long enough password", ip: null });
    if (!result.ok) throw new Error("sign-in failed");

    const payload = await sessionEndpoint(result.sessionToken);
    expect(payload).toMatchObject({ user: { id: user.id, email: user.email, name: "pw-session" }, authMethod: "password" });
    // Neither the session token (the cookie is httpOnly for a reason) nor the password hash reaches the browser.
    expect(JSON.stringify(payload)).not.toContain(result.sessionToken);
    expect(JSON.stringify(payload)).not.toMatch(/argon2|passwordHash/);
  });

  it("report magic-link sessions as such: the method comes from the row, not from anything the browser sends", async () => {
    const user = await createUser("ml-session");
    const token = `ml-${uniqueSuffix()}`;
    await withSystem((tx) => insertSession(tx, { sessionToken: token, userId: user.id, expires: new Date(Date.now() + 3_600_000) }));
    expect(await sessionEndpoint(token)).toMatchObject({ authMethod: "magic_link" });
    await withSystem((tx) => tx.update(sessions).set({ authMethod: "password" }).where(eq(sessions.sessionToken, token)));
    expect(await sessionEndpoint(token)).toMatchObject({ authMethod: "password" });
  });

  it("sign out through Auth.js: the row is deleted and the sign-out entry written", async () => {
    const user = await createUser("pw-signout");
    const tenant = await createTenant("pw-signout");
    await addMember(tenant.id, user.id, ["viewer"]);
    await withSystem(async (tx) => setPasswordHash(tx, user.id, await hashPassword("a long enough password")));
    const result = await signInWithPassword({ email: user.email, password: "a long enough password", ip: null });
    if (!result.ok) throw new Error("sign-in failed");

    const response = await signOutThroughAuthJs(handlers, ORIGIN, `authjs.session-token=${result.sessionToken}`);
    expect(response.status).toBe(302);
    expect(await withSystem((tx) => tx.select().from(sessions).where(eq(sessions.sessionToken, result.sessionToken)))).toEqual([]);
    const entries = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.tenantId, tenant.id), eq(activity.action, "auth.signed_out"))),
    );
    expect(entries.map((e) => e.actorUserId)).toEqual([user.id]);
  });

  it("use Auth.js's cookie naming: secure (__Secure- prefix) on https, plain on http", () => {
    const proto = (value: string) => new Headers({ "x-forwarded-proto": value });
    expect(usesSecureCookies(proto("https"), {})).toBe(true);
    expect(usesSecureCookies(proto("http"), {})).toBe(false);
    expect(usesSecureCookies(new Headers(), {})).toBe(true);
    expect(usesSecureCookies(proto("http"), { AUTH_URL: "https://console.example.com" })).toBe(true);
  });
});
