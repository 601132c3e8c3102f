// Two-factor (issue 15, item 3), through the profile's actions and the sign-in step: enrol with a code
// computed from the shown secret, wrong and replayed codes refused, recovery codes single use,
// attempts rate limited, disable with a code, and the secret never stored in plaintext.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { platformActivity, sessions, userRecoveryCodes, userTwoFactor } from "@/db/schema";
import { createUser } from "../support/fixtures";
import { browser, codeFor, pendingSecret, signInWithSession } from "./support";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("./support")).mockedTwoFactorSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", async () => {
  const { browser } = await import("./support");
  return {
    headers: async () => new Headers(),
    cookies: async () => ({ get: (name: string) => (name === "authjs.session-token" && browser.sessionToken ? { value: browser.sessionToken } : undefined) }),
  };
});
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const { submitStartTwoFactorSetup: startTwoFactorSetup, confirmTwoFactorSetup, submitDisableTwoFactor: disableTwoFactor } = await import(
  "@/app/profile/two-factor/actions"
);
const { verifySecondFactor } = await import("@/app/login/two-factor/actions");
const { TWO_FACTOR_CODE_LIMIT } = await import("@/lib/sign-in-limits");

type User = { id: string; email: string };

/** Where an action that redirects on success sent the browser (its redirect throws, as Next's does). */
async function redirectOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if ((error as Error).message === "NEXT_REDIRECT") return (error as unknown as { to: string }).to;
    throw error;
  }
  throw new Error("the action did not redirect");
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

const twoFactorRow = async (userId: string) => (await withSystem((tx) => tx.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId))))[0];
const sessionRow = async (token: string) => (await withSystem((tx) => tx.select().from(sessions).where(eq(sessions.sessionToken, token))))[0];

/** A user enrolled through the actions: their secret, recovery codes and the step their first code spent. */
async function enrolled(label: string) {
  const user = await createUser(label);
  await signInWithSession(user);
  expect(await redirectOf(startTwoFactorSetup(null, {}))).toBe("/profile");
  const secret = await pendingSecret(user);
  const result = await confirmTwoFactorSetup(null, { code: codeFor(secret) });
  if (!result.ok) throw new Error(result.message);
  return { user, secret, recoveryCodes: result.data.recoveryCodes };
}

/** The browser now holds a fresh session of `user` that waits for its second factor. */
async function firstFactorOnly(user: User): Promise<string> {
  const token = await signInWithSession(user, "pending");
  browser.user = null; // not signed in as far as the app is concerned, only the cookie is there
  return token;
}

beforeEach(() => Object.assign(browser, { user: null, twoFactor: "off", sessionToken: null }));

describe("enrolment from the profile", () => {
  it("stores the secret encrypted, confirms with a code computed from it and hands out ten recovery codes stored hashed", async () => {
    const { user, secret, recoveryCodes } = await enrolled("enrol");
    const row = await twoFactorRow(user.id);
    expect(row!.confirmedAt).toBeInstanceOf(Date);
    // Raw row: the secret appears in no column, in no encoding the app uses.
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(Buffer.from(secret).toString("base64"));
    expect(row!.ciphertext).not.toBe(secret);

    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await withSystem((tx) => tx.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id)));
    expect(stored).toHaveLength(10);
    const storedText = JSON.stringify(stored);
    for (const code of recoveryCodes) {
      expect(storedText).not.toContain(code);
      expect(storedText).not.toContain(code.replace(/-/g, ""));
    }
    // The confirming session has passed the second factor; the enrolment is in the platform log.
    expect((await sessionRow(browser.sessionToken!))!.secondFactorAt).toBeInstanceOf(Date);
    const entries = await platformLogWhere(eq(platformActivity.actorUserId, user.id));
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(["user.two_factor_setup_started", "user.two_factor_enabled"]));
  });

  it("refuses a wrong code next to the field and stays pending", async () => {
    const user = await createUser("wrong");
    await signInWithSession(user);
    await redirectOf(startTwoFactorSetup(null, {}));
    const secret = await pendingSecret(user);
    const wrong = codeFor(secret) === "000000" ? "111111" : "000000";
    const result = await confirmTwoFactorSetup(null, { code: wrong });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { code: [expect.stringMatching(/not valid/)] } });
    expect((await twoFactorRow(user.id))!.confirmedAt).toBeNull();
    expect(await withSystem((tx) => tx.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id)))).toHaveLength(0);
  });

  it("refuses to start again once two-factor is on, keeping the confirmed secret", async () => {
    const { user } = await enrolled("again");
    const before = await twoFactorRow(user.id);
    const result = await startTwoFactorSetup(null, {});
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await twoFactorRow(user.id)).toEqual(before);
  });

  it("binds the ciphertext to its user: copied to another user's row it does not decrypt", async () => {
    const { user } = await enrolled("owner");
    const other = await createUser("thief");
    const row = await twoFactorRow(user.id);
    await withSystem((tx) => tx.insert(userTwoFactor).values({ ...row!, userId: other.id }));
    await signInWithSession(other, "passed");
    const { twoFactorState } = await import("@/lib/two-factor/enrolment");
    await withSystem((tx) => tx.update(userTwoFactor).set({ confirmedAt: null }).where(eq(userTwoFactor.userId, other.id)));
    await expect(withSystem((tx) => twoFactorState(tx, other))).rejects.toThrow();
  });
});

describe("the sign-in step", () => {
  it("leaves the session unusable until a current code, then lands where the user was going", async () => {
    const { user, secret } = await enrolled("sign-in");
    const token = await firstFactorOnly(user);
    expect((await sessionRow(token))!.secondFactorAt).toBeNull();
    const wrong = await verifySecondFactor(null, form({ code: "12345", callbackUrl: "/t/x" }));
    expect(wrong).toMatchObject({ ok: false, code: "VALIDATION" });
    expect((await sessionRow(token))!.secondFactorAt).toBeNull();

    // The enrolment spent the current step: the next step's code (within the accepted drift) works.
    expect(await redirectOf(verifySecondFactor(null, form({ code: codeFor(secret, 1), callbackUrl: "/t/acme/members" })))).toBe("/t/acme/members");
    expect((await sessionRow(token))!.secondFactorAt).toBeInstanceOf(Date);
  });

  it("refuses a code already used in its window (replay), in another session too", async () => {
    const { user, secret } = await enrolled("replay");
    const code = codeFor(secret, 1);
    await firstFactorOnly(user);
    await redirectOf(verifySecondFactor(null, form({ code, callbackUrl: "/" })));
    const second = await firstFactorOnly(user);
    const replay = await verifySecondFactor(null, form({ code, callbackUrl: "/" }));
    expect(replay).toMatchObject({ ok: false, code: "VALIDATION" });
    expect((await sessionRow(second))!.secondFactorAt).toBeNull();
    // The enrolment's own code (an earlier step) is refused too.
    expect(await verifySecondFactor(null, form({ code: codeFor(secret), callbackUrl: "/" }))).toMatchObject({ ok: false });
  });

  it("accepts each recovery code once", async () => {
    const { user, recoveryCodes } = await enrolled("recovery");
    await firstFactorOnly(user);
    // Typed in capitals without dashes, as someone might.
    expect(await redirectOf(verifySecondFactor(null, form({ code: recoveryCodes[0]!.toUpperCase().replace(/-/g, ""), callbackUrl: "/" })))).toBe("/");
    const again = await firstFactorOnly(user);
    expect(await verifySecondFactor(null, form({ code: recoveryCodes[0]!, callbackUrl: "/" }))).toMatchObject({ ok: false, code: "VALIDATION" });
    expect((await sessionRow(again))!.secondFactorAt).toBeNull();
    const used = await withSystem((tx) =>
      tx.select().from(userRecoveryCodes).where(and(eq(userRecoveryCodes.userId, user.id))),
    );
    expect(used.filter((code) => code.usedAt !== null)).toHaveLength(1);
    // Another user's recovery code means nothing here.
    const other = await enrolled("recovery-other");
    await firstFactorOnly(user);
    expect(await verifySecondFactor(null, form({ code: other.recoveryCodes[0]!, callbackUrl: "/" }))).toMatchObject({ ok: false });
  });

  it("rate limits code attempts per user: past the limit even the right code is refused", async () => {
    const { user, secret } = await enrolled("limited");
    const token = await firstFactorOnly(user);
    // The enrolment's confirmation counted as one attempt.
    for (let attempt = 1; attempt < TWO_FACTOR_CODE_LIMIT.limit; attempt++) {
      expect(await verifySecondFactor(null, form({ code: "999999", callbackUrl: "/" }))).toMatchObject({ ok: false, code: "VALIDATION" });
    }
    expect(await verifySecondFactor(null, form({ code: codeFor(secret, 1), callbackUrl: "/" }))).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect((await sessionRow(token))!.secondFactorAt).toBeNull();
  });

  it("answers a browser without a waiting session as signed out, whatever the code", async () => {
    const { secret, user } = await enrolled("no-session");
    browser.sessionToken = null;
    expect(await verifySecondFactor(null, form({ code: codeFor(secret, 1), callbackUrl: "/" }))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    // A session that already passed is not waiting either: nothing to spend a code on.
    await signInWithSession(user, "passed");
    browser.user = null;
    await withSystem((tx) => tx.update(sessions).set({ secondFactorAt: new Date() }).where(eq(sessions.sessionToken, browser.sessionToken!)));
    expect(await verifySecondFactor(null, form({ code: codeFor(secret, 1), callbackUrl: "/" }))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});

describe("disabling", () => {
  it("takes a current code: a wrong one changes nothing, the right one removes the secret and the recovery codes", async () => {
    const { user, secret } = await enrolled("disable");
    browser.twoFactor = "passed";
    expect(await disableTwoFactor(null, { code: "000001" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await twoFactorRow(user.id)).toBeDefined();
    expect(await redirectOf(disableTwoFactor(null, { code: codeFor(secret, 1) }))).toBe("/profile");
    expect(await twoFactorRow(user.id)).toBeUndefined();
    expect(await withSystem((tx) => tx.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id)))).toHaveLength(0);
  });

  it("counts wrong codes although each attempt rolls back: past the limit even the right code is refused", async () => {
    const { user, secret } = await enrolled("disable-limited");
    browser.twoFactor = "passed";
    // The enrolment's confirmation counted as one attempt.
    for (let attempt = 1; attempt < TWO_FACTOR_CODE_LIMIT.limit; attempt++) {
      expect(await disableTwoFactor(null, { code: "000001" })).toMatchObject({ ok: false, code: "VALIDATION" });
    }
    expect(await disableTwoFactor(null, { code: codeFor(secret, 1) })).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await twoFactorRow(user.id)).toBeDefined();
  });

  it("is refused to a session that has not passed the second factor (it is nobody's yet)", async () => {
    const { user, secret } = await enrolled("disable-pending");
    browser.twoFactor = "pending";
    expect(await disableTwoFactor(null, { code: codeFor(secret, 1) })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await twoFactorRow(user.id)).toBeDefined();
  });
});
