// Issue 19 (survivor tests) for the sign-in code of issue 10: each test here fails if the guard it
// names is taken out, where the rest of the suite would still pass.
// (a) the password form returns through safeReturnPath, never the raw callbackUrl;
// (b) the magic-link form goes through the limiter (refused requests mail nothing);
// (c) Auth.js's signIn callback refuses an address without an account, even with a valid token.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { withSystem } from "@/db/scopes";
import { setPasswordHash } from "@/db/queries/users";
import { sessions, users, verificationTokens } from "@/db/schema";
import { hashPassword } from "@/lib/passwords";
import { createUser, uniqueSuffix } from "../support/fixtures";
import { MailWatch } from "../support/outbox";
import { inOneRateLimitWindow } from "../support/rate-limit-window";

const caller = vi.hoisted(() => ({ ip: "192.0.2.50" }));
vi.mock("@/lib/client-ip", () => ({ clientIp: async () => caller.ip }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
}));

const { signInWithPasswordForm } = await import("@/app/login/password-actions");
const { requestMagicLink } = await import("@/app/login/actions");
const { POST: confirm } = await import("@/app/login/verify/confirm/route");
const { handlers } = await import("@/lib/auth");
const { MAGIC_LINK_LIMITS } = await import("@/lib/sign-in-limits");

const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery staple";

const mailbox = new MailWatch();

beforeEach(() => {
  caller.ip = `192.0.2.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** Where a server action redirected to (it throws Next's redirect error), or its returned state. */
async function outcome(submit: () => Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await submit());
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return `redirect:${digest.split(";")[2]}`;
    throw error;
  }
}

describe("(a) password sign-in returns only to a path on this site", () => {
  it("ignores a callbackUrl on another site or one a browser reads as another site", async () => {
    const user = await createUser("survivor-pw");
    const hash = await hashPassword(PASSWORD);
    await withSystem((tx) => setPasswordHash(tx, user.id, hash));
    const signIn = (callbackUrl: string) =>
      outcome(() => signInWithPasswordForm({}, form({ email: user.email, password: PASSWORD, callbackUrl })));
    for (const attack of ["https://evil.example/t/x", "//evil.example", "/\\evil.example", "/t/%E0%A4%A"]) {
      expect(await signIn(attack), attack).toBe("redirect:/");
    }
    expect(await signIn("/t/acme/members")).toBe("redirect:/t/acme/members");
  });
});

describe("(b) the magic-link form goes through the limiter", () => {
  it("refuses one client past its limit for an address, and mails nothing for the refused requests", () =>
    inOneRateLimitWindow(async () => {
      const user = await createUser("survivor-link");
      const ask = () => outcome(() => requestMagicLink({ email: "" }, form({ email: user.email, callbackUrl: "/" })));
      for (let i = 0; i < MAGIC_LINK_LIMITS.perAddressAndIp.limit; i++) expect(await ask()).toBe("redirect:/login/check-email");
      expect(await mailbox.to(user.email)).toHaveLength(MAGIC_LINK_LIMITS.perAddressAndIp.limit);
      expect(await ask()).toContain("Too many sign-in links were requested");
      expect(await mailbox.to(user.email)).toHaveLength(MAGIC_LINK_LIMITS.perAddressAndIp.limit);
    }));
});

describe("(c) Auth.js's signIn callback refuses an address without an account", () => {
  const userByEmail = (email: string) => withSystem((tx) => tx.select().from(users).where(eq(users.email, email)));

  it("mails no link when Auth.js itself is asked for one (past our form's own account check)", async () => {
    const email = `no-account-${uniqueSuffix()}@example.test`;
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
    expect(response.headers.get("location")).toContain("error=AccessDenied");
    expect(await mailbox.to(email)).toEqual([]);
    expect(await withSystem((tx) => tx.select().from(verificationTokens).where(eq(verificationTokens.identifier, email)))).toEqual([]);
  });

  it("refuses a valid link whose account was deleted after it was mailed: no account is created, nobody signed in", async () => {
    const user = await createUser("survivor-deleted");
    const ask = () => outcome(() => requestMagicLink({ email: "" }, form({ email: user.email, callbackUrl: "/" })));
    expect(await ask()).toBe("redirect:/login/check-email");
    const link = await mailbox.lastSignInLink(user.email);
    await withSystem((tx) => tx.delete(users).where(eq(users.id, user.id)));

    const response = await confirm(
      new NextRequest(`${ORIGIN}/login/verify/confirm`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, "sec-fetch-site": "same-origin" },
        body: new URLSearchParams({ token: link.searchParams.get("token")!, email: user.email, callbackUrl: "/" }),
      }),
    );
    expect(response.headers.get("location")).toContain("error=AccessDenied");
    expect(response.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(false);
    const recreated = await userByEmail(user.email);
    expect(recreated).toEqual([]);
    expect(await withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, user.id)))).toEqual([]);
  });
});
