// Issue 10, item 6 (anyone can lock a user out): failures from other clients must not refuse a user's
// right password, or stop their sign-in link, while each client is still limited on its own (per
// account or address and IP) and across accounts (per IP). Before the fix, 10 wrong guesses from any
// IPs refused the right password from a fresh IP for 15 minutes, and 5 link requests from anywhere
// refused the owner's own request.
import type { ActionResult } from "@/lib/action-result";
import { describe, expect, it, vi } from "vitest";
import { withSystem } from "@/db/scopes";
import { setPasswordHash } from "@/db/queries/users";
import { hashPassword } from "@/lib/passwords";
import { createUser, uniqueSuffix } from "../support/fixtures";
import { MailWatch } from "../support/outbox";
import { inOneRateLimitWindow } from "../support/rate-limit-window";

// The IP clientIp() reports for the next request (lib/client-ip.ts is another piece of work's; only its answer matters here).
const caller = vi.hoisted(() => ({ ip: "192.0.2.1" }));
vi.mock("@/lib/client-ip", () => ({ clientIp: async () => caller.ip }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
}));

const { signInWithPasswordForm } = await import("@/app/login/password-actions");
const { requestMagicLink } = await import("@/app/login/actions");
const { MAGIC_LINK_LIMITS, PASSWORD_LIMITS } = await import("@/lib/sign-in-limits");

const PASSWORD = "correct horse battery staple";
const TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Please wait 15 minutes and try again.";
const TOO_MANY_LINKS = "Too many sign-in links were requested. Please wait 15 minutes and try again.";

let ipCounter = 0;
/** An address no other test (or run) has used. */
const freshIp = () => `198.18.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}-${uniqueSuffix()}`;

// Every test mails fresh addresses; a test resets the watch where it counts from a later point.
const mailbox = new MailWatch();

function redirectTarget(error: unknown): string | null {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_REDIRECT") ? digest.split(";")[2]! : null;
}

/** What the user sees: "redirect:<path>" when the form moved on, else the error under it. */
async function answerOf(submit: () => Promise<ActionResult<null>>): Promise<string> {
  try {
    const result = await submit();
    // A refusal's message is shown under the form; a field's own messages under the field.
    return result.ok || result.code === "VALIDATION" ? JSON.stringify(result) : result.message;
  } catch (error) {
    const target = redirectTarget(error);
    if (target === null) throw error;
    return `redirect:${target}`;
  }
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

function tryPassword(email: string, password: string, ip: string) {
  caller.ip = ip;
  return answerOf(() => signInWithPasswordForm(null, form({ email, password, callbackUrl: "/profile" })));
}

function askForLink(email: string, ip: string) {
  caller.ip = ip;
  return answerOf(() => requestMagicLink(null, form({ email, callbackUrl: "/" })));
}

async function accountWithPassword(label: string) {
  const user = await createUser(label);
  const hash = await hashPassword(PASSWORD);
  await withSystem((tx) => setPasswordHash(tx, user.id, hash));
  return user;
}

const mailsTo = async (email: string) => (await mailbox.to(email)).length;

describe("password attempts", () => {
  it("10+ wrong guesses from other IPs do not refuse the right password from a fresh IP", () =>
    inOneRateLimitWindow(async () => {
      const victim = await accountWithPassword("lockout-pw");
      // More than the old per-account limit (10), each from its own IP.
      for (let i = 0; i < 12; i++) {
        expect(await tryPassword(victim.email, `guess ${i}`, freshIp())).not.toBe("redirect:/profile");
      }
      expect(await tryPassword(victim.email, PASSWORD, freshIp())).toBe("redirect:/profile");
    }));

  it("refuses one IP past its limit for an account, even the right password, but not another IP", () =>
    inOneRateLimitWindow(async () => {
      const user = await accountWithPassword("lockout-pair");
      const guesser = freshIp();
      for (let i = 0; i < PASSWORD_LIMITS.perAccountAndIp.limit; i++) {
        expect(await tryPassword(user.email, `guess ${i}`, guesser)).not.toBe(TOO_MANY_ATTEMPTS);
      }
      expect(await tryPassword(user.email, PASSWORD, guesser)).toBe(TOO_MANY_ATTEMPTS);
      expect(await tryPassword(user.email, PASSWORD, freshIp())).toBe("redirect:/profile");
    }));

  it("still limits one IP across many accounts (password spraying)", () =>
    inOneRateLimitWindow(async () => {
      const sprayer = freshIp();
      for (let i = 0; i < PASSWORD_LIMITS.perIp.limit; i++) {
        expect(await tryPassword(`spray-${i}-${uniqueSuffix()}@example.test`, PASSWORD, sprayer)).not.toBe(TOO_MANY_ATTEMPTS);
      }
      const user = await accountWithPassword("lockout-spray");
      expect(await tryPassword(user.email, PASSWORD, sprayer)).toBe(TOO_MANY_ATTEMPTS);
    }));
});

describe("magic-link requests", () => {
  it("requests for an address from other IPs do not stop its owner getting a link from a fresh IP", () =>
    inOneRateLimitWindow(async () => {
      const victim = await createUser("lockout-link");
      // More than the old per-address limit (5), fewer than the per-address cap.
      for (let i = 0; i < 6; i++) expect(await askForLink(victim.email, freshIp())).toBe("redirect:/login/check-email");
      await mailbox.reset(victim.email);
      expect(await askForLink(victim.email, freshIp())).toBe("redirect:/login/check-email");
      expect(await mailsTo(victim.email)).toBe(1);
    }));

  it("past the per-address cap (many IPs flooding one inbox), answers as usual and mails nothing", () =>
    inOneRateLimitWindow(async () => {
      const victim = await createUser("lockout-cap");
      for (let i = 0; i < MAGIC_LINK_LIMITS.perAddress.limit; i++) {
        expect(await askForLink(victim.email, freshIp())).toBe("redirect:/login/check-email");
      }
      expect(await mailsTo(victim.email)).toBe(MAGIC_LINK_LIMITS.perAddress.limit);
      expect(await askForLink(victim.email, freshIp())).toBe("redirect:/login/check-email");
      expect(await mailsTo(victim.email)).toBe(MAGIC_LINK_LIMITS.perAddress.limit);
    }));

  it("refuses one IP asking too often for one address, without using up the address's cap", () =>
    inOneRateLimitWindow(async () => {
      const user = await createUser("lockout-link-pair");
      const client = freshIp();
      for (let i = 0; i < MAGIC_LINK_LIMITS.perAddressAndIp.limit; i++) {
        expect(await askForLink(user.email, client)).toBe("redirect:/login/check-email");
      }
      for (let i = 0; i < MAGIC_LINK_LIMITS.perAddress.limit; i++) expect(await askForLink(user.email, client)).toBe(TOO_MANY_LINKS);
      await mailbox.reset(user.email);
      expect(await askForLink(user.email, freshIp())).toBe("redirect:/login/check-email");
      expect(await mailsTo(user.email)).toBe(1);
    }));

  it("still limits one IP across many addresses", () =>
    inOneRateLimitWindow(async () => {
      const prober = freshIp();
      for (let i = 0; i < MAGIC_LINK_LIMITS.perIp.limit; i++) {
        expect(await askForLink(`probe-${i}-${uniqueSuffix()}@example.test`, prober)).toBe("redirect:/login/check-email");
      }
      expect(await askForLink(`probe-last-${uniqueSuffix()}@example.test`, prober)).toBe(TOO_MANY_LINKS);
    }));
});
