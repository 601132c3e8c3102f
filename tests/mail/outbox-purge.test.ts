// Finished outbox rows (sent or given up) are deleted after 30 days, so the table does not grow with
// every mail ever sent (migration 0052). Attacks: deleting mail still to be sent, from the worker's
// own scope, and deleting any row from another scope.
import "../support/own-database"; // the purge is table-wide: no other file's mail in this database
import type { Transporter } from "nodemailer";
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withMailDelivery, withSystem, withTenant, withUser } from "@/db/scopes";
import { enqueueMail } from "@/lib/mail-outbox";
import { FINISHED_MAIL_RETENTION_MS, purgeFinishedMailBefore, startMailWorker, stopMailWorker } from "@/lib/mail-worker";
import { createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";

const DAY_MS = 24 * 60 * 60_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/** Queues one mail per label and sets each row's dates as the worker would have left them. */
async function outboxWith(rows: Record<string, { sentDaysAgo?: number; givenUpDaysAgo?: number; createdDaysAgo?: number }>) {
  const addresses: Record<string, string> = {};
  for (const [label, dates] of Object.entries(rows)) {
    const to = (addresses[label] = `${label}-${uniqueSuffix()}@example.test`);
    await withSystem((tx) => enqueueMail(tx, { to, subject: label, text: "text", html: "<p>html</p>" }, "test.purge"));
    const sentAt = dates.sentDaysAgo === undefined ? null : daysAgo(dates.sentDaysAgo);
    const givenUpAt = dates.givenUpDaysAgo === undefined ? null : daysAgo(dates.givenUpDaysAgo);
    const createdAt = daysAgo(dates.createdDaysAgo ?? 0);
    await withMailDelivery((tx) =>
      tx.execute(sql`update mail_outbox set sent_at = ${sentAt}::timestamptz, given_up_at = ${givenUpAt}::timestamptz,
        created_at = ${createdAt}::timestamptz where recipient = ${to}`),
    );
  }
  return addresses;
}

const remaining = async (addresses: Record<string, string>) =>
  (await queuedMailTo(...Object.values(addresses))).map((row) => row.subject).sort();

afterEach(async () => {
  await stopMailWorker();
});

describe("purging finished mail", () => {
  it("deletes rows sent or given up more than 30 days ago, and keeps the rest, queued mail above all", async () => {
    expect(FINISHED_MAIL_RETENTION_MS).toBe(30 * DAY_MS);
    const addresses = await outboxWith({
      "sent-31-days-ago": { sentDaysAgo: 31, createdDaysAgo: 31 },
      "given-up-31-days-ago": { givenUpDaysAgo: 31, createdDaysAgo: 32 },
      "sent-29-days-ago": { sentDaysAgo: 29, createdDaysAgo: 40 },
      "given-up-yesterday": { givenUpDaysAgo: 1, createdDaysAgo: 2 },
      "queued-90-days-ago": { createdDaysAgo: 90 },
    });
    expect(await purgeFinishedMailBefore(new Date())).toBe(2);
    expect(await remaining(addresses)).toEqual(["given-up-yesterday", "queued-90-days-ago", "sent-29-days-ago"]);
    // A later purge finds nothing more.
    expect(await purgeFinishedMailBefore(new Date())).toBe(0);
  });

  it("the worker purges when it starts", async () => {
    const addresses = await outboxWith({ "sent-long-ago": { sentDaysAgo: 45 }, "sent-today": { sentDaysAgo: 0 } });
    const idle = { sendMail: async () => ({}) } as unknown as Transporter;
    startMailWorker({ transport: idle, from: "Tenantry <no-reply@tenantry.test>" });
    await expect.poll(() => remaining(addresses), { timeout: 5_000 }).toEqual(["sent-today"]);
  });

  it("no scope deletes mail still to be sent, and only the worker's deletes finished mail", async () => {
    const addresses = await outboxWith({ "queued-long-ago": { createdDaysAgo: 60 }, "sent-long-ago": { sentDaysAgo: 60 } });
    const world = await createTwoTenants();
    const deleteAll = sql`delete from mail_outbox where recipient in (${addresses["queued-long-ago"]}, ${addresses["sent-long-ago"]})`;
    await withTenant({ tenantId: world.a.id, userId: world.adminA.id }, (tx) => tx.execute(deleteAll));
    await withUser({ userId: world.adminA.id }, (tx) => tx.execute(deleteAll));
    await withSystem((tx) => tx.execute(deleteAll));
    expect(await remaining(addresses)).toEqual(["queued-long-ago", "sent-long-ago"]);
    // The worker's own scope: the policy lets it delete the finished row only.
    await withMailDelivery((tx) => tx.execute(deleteAll));
    expect(await remaining(addresses)).toEqual(["queued-long-ago"]);
  });
});
