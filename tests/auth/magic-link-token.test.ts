// The magic-link token through Auth.js's real handlers and our adapter: stored hashed, at most 10
// minutes, single use; expired and reused links are refused.
import { createHash } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, sessions, verificationTokens } from "@/db/schema";
import { signOutThroughAuthJs } from "../support/auth-requests";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";


const { handlers } = await import("@/lib/auth");
const { POST: authRoutePost } = await import("@/app/api/auth/[...nextauth]/route");
const { getEnv } = await import("@/lib/env");

const ORIGIN = "http://localhost:3000";
let email: string;
let userId: string;
let tenantId: string;

beforeAll(async () => {
  const user = await createUser("token");
  const tenant = await createTenant("token");
  await addMember(tenant.id, user.id, ["viewer"]);
  [email, userId, tenantId] = [user.email, user.id, tenant.id];
});

let queuedBefore = 0;
beforeEach(async () => {
  queuedBefore = (await queuedMailTo(email)).length;
});
/** The mail queued to the test's address since this test began. */
const sentThisTest = async () => (await queuedMailTo(email)).slice(queuedBefore);

/** Asks Auth.js for a link (CSRF dance included) and returns the raw token from the mail. */
async function requestLink(): Promise<{ token: string; link: URL }> {
  const csrf = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: "/" }),
    }),
  );
  expect(response.status).toBe(302);
  const mail = (await sentThisTest()).at(-1);
  expect(mail?.to).toBe(email);
  const link = new URL(mail!.text.match(/http\S+\/login\/verify\?\S+/)![0]);
  return { token: link.searchParams.get("token")!, link };
}

function useToken(token: string) {
  const url = new URL(`${ORIGIN}/api/auth/callback/nodemailer`);
  url.search = new URLSearchParams({ token, email, callbackUrl: "/" }).toString();
  return handlers.GET(new NextRequest(url));
}

const storedTokens = () =>
  withSystem((tx) => tx.select().from(verificationTokens).where(eq(verificationTokens.identifier, email)));

describe("magic-link token", () => {
  it("mails a link to the confirm page, not to the endpoint that spends the token", async () => {
    const { link } = await requestLink();
    expect(link.pathname).toBe("/login/verify");
    expect(link.searchParams.get("email")).toBe(email);
  });

  it("stores only a hash of the token, expiring within 10 minutes", async () => {
    const before = Date.now();
    const { token } = await requestLink();
    const [stored] = (await storedTokens()).slice(-1);
    expect(stored!.token).not.toContain(token);
    expect(stored!.token).toBe(createHash("sha256").update(`${token}${getEnv().authSecret}`).digest("hex"));
    expect(stored!.expires.getTime()).toBeLessThanOrEqual(before + 10 * 60 * 1000 + 1000);
    expect(stored!.expires.getTime()).toBeGreaterThan(before + 9 * 60 * 1000);
  });

  it("signs in once with a fresh token, writes the sign-in entry, and refuses the same token again", async () => {
    await withSystem((tx) => tx.delete(verificationTokens).where(eq(verificationTokens.identifier, email)));
    const { token } = await requestLink();

    const first = await useToken(token);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`${ORIGIN}/`);
    expect(first.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(true);
    expect(await withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, userId)))).toHaveLength(1);
    expect(await storedTokens()).toEqual([]);
    const entries = await withTenant({ tenantId, userId }, (tx) => tx.select().from(activity).where(eq(activity.action, "auth.signed_in")));
    expect(entries.map((e) => e.actorUserId)).toEqual([userId]);

    const second = await useToken(token);
    expect(second.headers.get("location")).toMatch(/\/login\/error\?error=Verification$/);
    expect(second.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
  });

  it("signing out deletes the session row and writes the sign-out entry", async () => {
    const { token } = await requestLink();
    const signedIn = await useToken(token);
    const sessionCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="))!.split(";")[0]!;
    const sessionToken = sessionCookie.split("=")[1]!;
    const response = await signOutThroughAuthJs(handlers, ORIGIN, sessionCookie);
    expect(response.status).toBe(302);
    expect(await withSystem((tx) => tx.select().from(sessions).where(eq(sessions.sessionToken, sessionToken)))).toEqual([]);
    const entries = await withTenant({ tenantId, userId }, (tx) => tx.select().from(activity).where(eq(activity.action, "auth.signed_out")));
    expect(entries.map((e) => e.actorUserId)).toEqual([userId]);
  });

  it("refuses an expired token", async () => {
    const { token } = await requestLink();
    await withSystem((tx) =>
      tx.update(verificationTokens).set({ expires: new Date(Date.now() - 1000) }).where(eq(verificationTokens.identifier, email)),
    );
    const response = await useToken(token);
    expect(response.headers.get("location")).toMatch(/\/login\/error\?error=Verification$/);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
  });

  it("refuses a token that was never issued", async () => {
    const response = await useToken("f".repeat(64));
    expect(response.headers.get("location")).toMatch(/error=Verification$/);
  });

  it("closes Auth.js's own sign-in endpoint (sign-in goes through the rate-limited form)", async () => {
    const response = await authRoutePost(
      new NextRequest(`${ORIGIN}/api/auth/signin/nodemailer`, { method: "POST", body: new URLSearchParams({ email }) }),
    );
    expect(response.status).toBe(404);
    expect(await sentThisTest()).toEqual([]);
  });
});
