// Setting a password through a one-time link: only a SHA-256 of the token is stored, it expires, it
// works once (even when used twice at the same moment), and bad input is refused field by field
// without spending the link. "Set password" on the profile mails such a link to the signed-in user.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { insertSession } from "@/db/queries/sessions";
import { passwordTokens, platformActivity, sessions, users } from "@/db/schema";
import { createUser } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";
import { inOneRateLimitWindow } from "../support/rate-limit-window";
import { signInAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

// The request's cookies: the browser's session token, when the test says it has one.
const browser = vi.hoisted(() => ({ sessionToken: null as string | null }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) => (name === "authjs.session-token" && browser.sessionToken ? { name, value: browser.sessionToken } : undefined),
  }),
}));
vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
// Links in mail are built on AUTH_URL when it is set (outside a request there are no headers).
process.env.AUTH_URL = "http://console.test";
afterAll(() => {
  delete process.env.AUTH_URL;
});

const { issuePasswordToken } = await import("@/lib/password-links");
const { verifyPassword } = await import("@/lib/passwords");
const { setPasswordWithLink } = await import("@/app/set-password/actions");
const { requestPasswordLink } = await import("@/app/profile/actions");

const NEW_PASSWORD = "a brand new passphrase";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** Runs the set-password action; a redirect (success) comes back as its target. */
async function setPassword(fields: Record<string, string>) {
  try {
    return await setPasswordWithLink({}, form(fields));
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (digest?.startsWith("NEXT_REDIRECT")) return { redirectedTo: digest.split(";")[2] };
    throw error;
  }
}

const hashOf = async (userId: string) => (await withSystem((tx) => tx.select().from(users).where(eq(users.id, userId))))[0]!.passwordHash;
const tokensOf = (userId: string) => withSystem((tx) => tx.select().from(passwordTokens).where(eq(passwordTokens.userId, userId)));

let user: { id: string; email: string };
let token: string;

beforeEach(async () => {
  browser.sessionToken = null;
  user = await createUser("setter");
  token = await withSystem((tx) => issuePasswordToken(tx, user.id));
});

describe("password links", () => {
  it("store only a SHA-256 of the token, valid for an hour", async () => {
    const [stored] = await tokensOf(user.id);
    expect(stored!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(stored!.tokenHash).not.toContain(token);
    expect(stored!.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(stored!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
  });

  it("set the password, spend the link and the account's other open links, and record it; then send to the password sign-in", async () => {
    const older = await withSystem((tx) => issuePasswordToken(tx, user.id));
    expect(await setPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual({
      redirectedTo: "/login?method=password&notice=password-set",
    });
    expect(await verifyPassword(await hashOf(user.id), NEW_PASSWORD)).toBe(true);
    // The link proved the mailbox: the account is no longer "Invited" in member lists.
    const [account] = await withSystem((tx) => tx.select({ verified: users.emailVerified }).from(users).where(eq(users.id, user.id)));
    expect(account!.verified).toBeInstanceOf(Date);
    expect((await tokensOf(user.id)).every((t) => t.usedAt !== null)).toBe(true);
    expect(await setPassword({ token: older, password: "another passphrase!", confirmPassword: "another passphrase!" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expired or has already been used/),
    });
    const entries = await platformLogWhere(and(eq(platformActivity.action, "user.password_set"), eq(platformActivity.actorUserId, user.id)));
    expect(entries).toHaveLength(1);
  });

  it("end the account's other sessions, keeping the browser's own", async () => {
    const open = (token: string) =>
      withSystem((tx) => insertSession(tx, { sessionToken: token, userId: user.id, expires: new Date(Date.now() + 3_600_000) }));
    await open(`${user.id}-elsewhere`);
    await open(`${user.id}-here`);
    browser.sessionToken = `${user.id}-here`;
    await setPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const left = await withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, user.id)));
    expect(left.map((s) => s.sessionToken)).toEqual([`${user.id}-here`]);
  });

  it("work once: a second use, even at the same moment, is refused", async () => {
    const fields = { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    const results = await Promise.all([setPassword(fields), setPassword({ ...fields, password: "other passphrase 2", confirmPassword: "other passphrase 2" })]);
    expect(results.filter((r) => "redirectedTo" in r)).toHaveLength(1);
    expect(results.filter((r) => "ok" in r && !r.ok)).toHaveLength(1);
  });

  it("refuse an expired link", async () => {
    await withSystem((tx) => tx.update(passwordTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordTokens.userId, user.id)));
    expect(await setPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expired or has already been used/),
    });
    expect(await hashOf(user.id)).toBeNull();
  });

  it.each([
    [{ password: "short", confirmPassword: "short" }, "password", /at least 12/],
    [{ password: "            ", confirmPassword: "            " }, "password", /only spaces/],
    [{ password: "x".repeat(201), confirmPassword: "x".repeat(201) }, "password", /at most 200/],
    [{ password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}.` }, "confirmPassword", /do not match/],
  ])("refuse %o with a message on %s, leaving the link usable", async (fields, field, message) => {
    const result = await setPassword({ token, ...fields });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    // The field's own message, on that field only.
    expect(result).toHaveProperty("fieldErrors", { [field]: [expect.stringMatching(message)] });
    expect(await hashOf(user.id)).toBeNull();
    expect((await tokensOf(user.id))[0]!.usedAt).toBeNull();
  });
});

describe("requestPasswordLink (profile: Set password)", () => {
  it("mails the signed-in user a link whose token is stored hashed", async () => {
    signInAs(user);
    expect(await requestPasswordLink(null, {})).toEqual({ ok: true, data: { email: user.email } });
    const sent = await queuedMailTo(user.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(user.email);
    const link = new URL(sent[0]!.text.match(/http\S+\/set-password\?\S+/)![0]);
    expect(link.origin).toBe("http://console.test");
    expect(sent[0]!.html).toContain(link.toString().replaceAll("&", "&amp;"));
    const hash = createHash("sha256").update(link.searchParams.get("token")!).digest("hex");
    expect((await tokensOf(user.id)).map((t) => t.tokenHash)).toContain(hash);
  });

  it("is rate limited per account", () =>
    inOneRateLimitWindow(async () => {
      const limited = await createUser("link-limited");
      signInAs(limited);
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await requestPasswordLink(null, {}));
      expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
      expect(results[5]).toMatchObject({ ok: false, code: "RATE_LIMITED" });
      expect(await queuedMailTo(limited.email)).toHaveLength(5);
    }));

  it("answers UNAUTHENTICATED when signed out, and sends nothing", async () => {
    signInAs(null);
    expect(await requestPasswordLink(null, {})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await queuedMailTo(user.email)).toEqual([]);
  });
});
