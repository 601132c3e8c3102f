// The transactional mail outbox (issue 10, item 3). Attacks and failures it must survive: a relay that
// accepts connections and never answers (requests used to wait for it: an add-member took 30 s, and the
// magic-link form's answer time told which addresses have accounts); SMTP down, then up (nothing lost,
// nothing sent twice, even with several workers); a change that rolls back (nothing sent); ordinary
// scopes reading queued mail, which holds live sign-in links (cleared once sent or given up).
// In a database of its own: its runs deliver every due row, and other files read their mail's links
// from rows this file would send and clear; and a stopped worker's test must find only its own mail.
import "../support/own-database";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { withMailDelivery, withSystem, withTenant } from "@/db/scopes";
import { mailOutbox } from "@/db/schema";
import type { Transporter } from "nodemailer";
import { createMailTransport } from "@/lib/mail";
import { enqueueMail } from "@/lib/mail-outbox";
import {
  deliverDueMail,
  FIRST_RETRY_MS,
  MAX_ATTEMPTS,
  mailWorkerIdle,
  messageIdOf,
  retryDelayMs,
  startMailWorker,
  stopMailWorker,
} from "@/lib/mail-worker";
import { createTenant, uniqueSuffix } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";
import { actingAs } from "../support/session";
import { closedPortUrl, startPausedSmtp, startSmtpCatcher, type PausedSmtp } from "../support/smtp";
import { tenantWithRoles } from "../members/members-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});

const { addMember } = await import("@/app/t/[slug]/members/actions/add-member");
const { changeMemberRoles } = await import("@/app/t/[slug]/members/actions/change-member-roles");

const FROM = "Tenantry <no-reply@tenantry.test>";
const address = (label: string) => `${label}-${uniqueSuffix()}@example.test`;
const mailTo = (to: string) => ({ to, subject: `Hello ${to}`, text: `text for ${to}`, html: `<p>html for ${to}</p>` });
const later = (ms: number) => () => new Date(Date.now() + ms);

let paused: PausedSmtp;
beforeAll(async () => {
  // The app's own SMTP setting points at the hung relay: whatever sends mail in a request would hang.
  paused = await startPausedSmtp();
  process.env.SMTP_URL = paused.url;
});
afterEach(async () => {
  await stopMailWorker({ wait: false });
});
afterAll(async () => {
  await paused.close();
});

describe("SMTP paused (accepts connections, never answers)", () => {
  it("adding a member and changing roles return at once; the worker is the one left waiting", async () => {
    startMailWorker();
    const world = await tenantWithRoles("outbox-paused");
    const email = address("paused");

    const started = performance.now();
    const added = await actingAs(world.admin, () => addMember(world.tenant.slug, null, { email, roles: ["viewer"] }));
    const changed =
      added.ok && (await actingAs(world.admin, () => changeMemberRoles(world.tenant.slug, null, { memberId: added.data.memberId, roles: ["editor"] })));
    const took = performance.now() - started;

    expect(added).toMatchObject({ ok: true });
    expect(changed).toMatchObject({ ok: true });
    // Waiting for the hung relay would take at least its 10 s greeting timeout (lib/mail.ts); the bound
    // stays clear of it while leaving room for a loaded CI machine (PGlite took 2.9 s at load 14).
    expect(took).toBeLessThan(8_000);
    expect((await queuedMailTo(email)).map((m) => m.purpose)).toEqual(["member.add", "member.roles_change"]);
    // The mail did go to the (hung) relay, after the requests had answered.
    await vi.waitFor(() => expect(paused.connections()).toBeGreaterThan(0), { timeout: 3_000 });
  });
});

describe("SMTP down, then up", () => {
  it("delivers every message exactly once (by Message-ID), with several workers at once, after backing off", async () => {
    const world = await tenantWithRoles("outbox-down");
    const member = address("down-member");
    const added = await actingAs(world.admin, () => addMember(world.tenant.slug, null, { email: member, roles: ["viewer"] }));
    expect(added.ok).toBe(true);
    const others = Array.from({ length: 9 }, (_, i) => address(`down-${i}`));
    for (const to of others) await withSystem((tx) => enqueueMail(tx, mailTo(to), "test.down"));
    const recipients = [member, ...others];
    const queued = await queuedMailTo(...recipients);
    expect(queued).toHaveLength(10);

    const down = { transport: createMailTransport(await closedPortUrl()), from: FROM };
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const firstTry = await deliverDueMail(down);
    // Every row here failed once.
    expect(firstTry.sent).toBe(0);
    const afterFailure = await queuedMailTo(...recipients);
    expect(afterFailure.every((m) => m.attempts === 1 && m.sentAt === null)).toBe(true);
    // Still to be sent: the bodies wait with the row.
    expect(afterFailure.every((m) => m.text.includes("@example.test") && m.html.includes("@example.test"))).toBe(true);
    for (const m of afterFailure) expect(m.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + FIRST_RETRY_MS - 5_000);
    // Not due again before the back-off has passed.
    expect(await deliverDueMail(down)).toEqual({ sent: 0, failed: 0 });
    warned.mockRestore();

    const catcher = await startSmtpCatcher();
    try {
      const up = { transport: createMailTransport(catcher.url), from: FROM, now: later(FIRST_RETRY_MS + 1_000) };
      // Three processes' workers racing for the same rows.
      await Promise.all([deliverDueMail(up), deliverDueMail(up), deliverDueMail(up)]);
      // And later runs find nothing left to send.
      await deliverDueMail({ ...up, now: later(3 * 60 * 60_000) });

      const ours = catcher.messages.filter((m) => m.to.some((to) => recipients.includes(to)));
      const ids = ours.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(queued.map((m) => messageIdOf(m.id)).sort());
      expect((await queuedMailTo(...recipients)).every((m) => m.sentAt !== null && m.attempts === 2)).toBe(true);
      // Sent: the bodies (live links) are not kept.
      expect((await queuedMailTo(...recipients)).map((m) => m.text + m.html)).toEqual(recipients.map(() => ""));
    } finally {
      await catcher.close();
    }
  });

  it("backs off 30 s doubling to at most 1 h, and gives up after 8 attempts with a log line", async () => {
    expect(Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1) / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    const to = address("give-up");
    await withSystem((tx) => enqueueMail(tx, mailTo(to), "test.give_up"));
    const down = { transport: createMailTransport(await closedPortUrl()), from: FROM };
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let clock = Date.now();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 2; attempt++) {
      await deliverDueMail({ ...down, now: () => new Date(clock) });
      clock += 2 * 60 * 60_000;
    }
    const [row] = await queuedMailTo(to);
    // Given up: kept for the operator, without its bodies.
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, sentAt: null, text: "", html: "" });
    expect(row!.givenUpAt).not.toBeNull();
    const gaveUp = logged.mock.calls.filter((call) => String(call[0]).includes(row!.id));
    expect(gaveUp).toHaveLength(1);
    expect(String(gaveUp[0]![0])).toMatch(/gave up.*after 8 attempts/);
    warned.mockRestore();
    logged.mockRestore();
  });
});

describe("a stopped worker", () => {
  it("takes no new mail once its hung send ends: a newer worker is there to send it", async () => {
    const first = address("claimed-before-stop");
    const second = address("queued-after-stop");
    const asked: string[] = [];
    const pending: (() => void)[] = [];
    // A relay that holds each send until the test lets it go.
    const held = {
      sendMail: (message: { to: string }) => {
        asked.push(message.to);
        return new Promise<void>((resolve) => pending.push(resolve));
      },
    } as unknown as Transporter;
    let stopped = false;
    await withSystem((tx) => enqueueMail(tx, mailTo(first), "test.stop"));
    const run = deliverDueMail({ transport: held, from: FROM, stopped: () => stopped });
    await vi.waitFor(() => expect(asked).toContain(first), { timeout: 3_000 });
    stopped = true;
    await withSystem((tx) => enqueueMail(tx, mailTo(second), "test.stop"));
    for (const release of pending.splice(0)) release();
    await run;
    expect(asked).not.toContain(second);
    const [left] = await queuedMailTo(second);
    expect(left).toMatchObject({ attempts: 0, sentAt: null });
  });
});

describe("after commit only", () => {
  it("a transaction that rolls back sends nothing, and the worker is not woken for it", async () => {
    const catcher = await startSmtpCatcher();
    startMailWorker({ transport: createMailTransport(catcher.url), from: FROM });
    try {
      const tenant = await createTenant("outbox-rollback");
      const to = address("rolled-back");
      await expect(
        withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
          await enqueueMail(tx, mailTo(to), "test.rollback");
          throw new Error("the change fails after queuing its mail");
        }),
      ).rejects.toThrow("the change fails");
      const kept = address("committed");
      await withTenant({ tenantId: tenant.id, userId: null }, (tx) => enqueueMail(tx, mailTo(kept), "test.commit"));
      // Woken by the commit, well before the 5 s poll.
      await vi.waitFor(() => expect(catcher.messages.some((m) => m.to.includes(kept))).toBe(true), { timeout: 3_000 });
      await mailWorkerIdle();
      expect(await queuedMailTo(to)).toEqual([]);
      expect(catcher.messages.filter((m) => m.to.includes(to))).toEqual([]);
    } finally {
      await stopMailWorker();
      await catcher.close();
    }
  });
});

describe("who can read queued mail (it holds live sign-in links)", () => {
  it("every scope may queue mail, but only the mail-delivery scope reads or updates it", async () => {
    const tenant = await createTenant("outbox-rls");
    const to = address("secret-link");
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) => enqueueMail(tx, mailTo(to), "test.rls"));
    const visible = (rows: unknown) => (rows as { rows: unknown[] }).rows.length;
    const read = sql`select * from mail_outbox where recipient = ${to}`;
    expect(visible(await withSystem((tx) => tx.execute(read)))).toBe(0);
    expect(visible(await withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.execute(read)))).toBe(0);
    const touched = sql`update mail_outbox set recipient = 'attacker@example.test' where recipient = ${to} returning id`;
    expect(visible(await withSystem((tx) => tx.execute(touched)))).toBe(0);
    // A queued row cannot be planted as already sent or already tried.
    await expect(
      withSystem((tx) =>
        tx.insert(mailOutbox).values({ id: crypto.randomUUID(), purpose: "x", recipient: to, subject: "s", textBody: "t", htmlBody: "h", sentAt: new Date() }),
      ),
    ).rejects.toThrow();
    // Nor deleted: since migration 0052 the runtime roles hold DELETE for the worker's purge, and the
    // policy lets only the mail-delivery scope delete, finished rows only (tests/mail/outbox-purge.test.ts).
    expect(visible(await withSystem((tx) => tx.execute(sql`delete from mail_outbox where recipient = ${to} returning id`)))).toBe(0);
    expect(visible(await withMailDelivery((tx) => tx.execute(read)))).toBe(1);
  });
});
