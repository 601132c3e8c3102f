// Account discovery by timing (issue 10, item 3): the magic-link form answered in ~20 ms for unknown
// addresses and ~176 ms for real ones, because only a real one waited for SMTP. Now the answer waits
// for nothing that depends on the account (the link is issued alongside and its mail only queued), and
// every answer takes at least the answer floor, so known and unknown addresses answer alike, even when
// the mail relay hangs.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAGIC_LINK_ANSWER_FLOOR_MS } from "@/lib/answer-floor";
import { createUser, uniqueSuffix } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";
import { startPausedSmtp, type PausedSmtp } from "../support/smtp";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-for": "203.0.113.9" }),
  cookies: async () => ({ get: () => undefined, set: () => {}, getAll: () => [] }),
}));

const { requestMagicLink } = await import("@/app/login/actions");

let paused: PausedSmtp;
beforeAll(async () => {
  paused = await startPausedSmtp();
  process.env.SMTP_URL = paused.url;
  process.env.AUTH_URL = "http://localhost:3000";
});
afterAll(async () => {
  delete process.env.AUTH_URL;
  await paused.close();
});

/** Submits the form; answers where it redirected to (or the form state) and how long it took. */
async function submit(email: string): Promise<{ outcome: unknown; ms: number }> {
  const form = new FormData();
  form.set("email", email);
  form.set("callbackUrl", "/");
  const started = performance.now();
  let outcome: unknown;
  try {
    outcome = await requestMagicLink({ email: "" }, form);
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (!digest?.startsWith("NEXT_REDIRECT")) throw error;
    outcome = digest.split(";")[2];
  }
  return { outcome, ms: performance.now() - started };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("magic-link form with the mail relay hung", () => {
  it("answers known and unknown addresses the same way, in the same time, without waiting for SMTP", async () => {
    const known = await Promise.all([1, 2, 3].map((i) => createUser(`known-${i}`)));
    const unknown = [1, 2, 3].map((i) => `nobody-${i}-${uniqueSuffix()}@example.test`);
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 3; i++) {
      const k = await submit(known[i]!.email);
      const u = await submit(unknown[i]!);
      expect(k.outcome).toBe("/login/check-email");
      expect(u.outcome).toBe("/login/check-email");
      times.known.push(k.ms);
      times.unknown.push(u.ms);
    }
    for (const ms of [...times.known, ...times.unknown]) {
      expect(ms).toBeGreaterThanOrEqual(MAGIC_LINK_ANSWER_FLOOR_MS - 5);
      expect(ms).toBeLessThan(MAGIC_LINK_ANSWER_FLOOR_MS + 1_000);
    }
    expect(Math.abs(median(times.known) - median(times.unknown))).toBeLessThan(150);
    // The link was queued for each real account (and nothing for the others), not sent in the request.
    for (const user of known) {
      await vi.waitFor(async () => expect((await queuedMailTo(user.email)).map((m) => m.purpose)).toEqual(["auth.magic_link"]));
    }
    expect(await queuedMailTo(...unknown)).toEqual([]);
    expect(paused.connections()).toBe(0);
  });
});
