// How the mail worker claims rows. Its poll runs every 5 s in every server process, mostly over an
// empty outbox: that must cost one transaction, not one per parallel send loop. When mail is due, the
// loops still send side by side: a relay that holds one message does not hold up the others.
import "../support/own-database"; // exact claims: no other file's mail in this database
import type { Transporter } from "nodemailer";
import { describe, expect, it } from "vitest";
import { withSystem } from "@/db/scopes";
import { countDatabaseWork } from "@/db/statement-count";
import { enqueueMail } from "@/lib/mail-outbox";
import { deliverDueMail } from "@/lib/mail-worker";
import { uniqueSuffix } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";

const FROM = "Tenantry <no-reply@tenantry.test>";

/** A transport that holds the first message it is given until `release`, and sends the rest at once. */
function transportHoldingFirst() {
  const sentTo: string[] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const transport = {
    async sendMail(message: { to: string }) {
      calls += 1;
      if (calls === 1) await held;
      sentTo.push(message.to);
      return {};
    },
  } as unknown as Transporter;
  return { transport, sentTo, release };
}

describe("the mail worker's claims", () => {
  it("a run over an outbox with nothing due opens one transaction (one per send loop before)", async () => {
    const { transport } = transportHoldingFirst();
    let counts: Awaited<ReturnType<typeof deliverDueMail>> | undefined;
    const work = await countDatabaseWork(async () => {
      counts = await deliverDueMail({ transport, from: FROM });
    });
    expect(counts).toEqual({ sent: 0, failed: 0 });
    expect(work.transactions).toBe(1);
  });

  it("mail queued just before is due at once: due by the database's clock, not the app's milliseconds", async () => {
    // Each time as after a request's commit: queued, then the worker woken. By the app's clock a row
    // queued in the same millisecond was not due yet and waited for the next poll (5 s).
    for (let i = 0; i < 20; i++) {
      const to = `at-once-${i}-${uniqueSuffix()}@example.test`;
      await withSystem((tx) => enqueueMail(tx, { to, subject: "now", text: "text", html: "<p>html</p>" }, "test.at-once"));
      const { transport, sentTo, release } = transportHoldingFirst();
      release();
      expect(await deliverDueMail({ transport, from: FROM }), `attempt ${i}`).toEqual({ sent: 1, failed: 0 });
      expect(sentTo).toEqual([to]);
    }
  });

  it("due mail is still sent side by side: one held message does not hold up the others", async () => {
    const recipients = Array.from({ length: 3 }, (_, i) => `side-${i}-${uniqueSuffix()}@example.test`);
    for (const to of recipients) {
      await withSystem((tx) => enqueueMail(tx, { to, subject: `Hello ${to}`, text: "text", html: "<p>html</p>" }, "test.side-by-side"));
    }
    const { transport, sentTo, release } = transportHoldingFirst();
    const run = deliverDueMail({ transport, from: FROM });
    // The two not held are sent while the first is still waiting on its relay.
    await expect.poll(() => sentTo.length, { timeout: 5_000 }).toBe(2);
    release();
    expect(await run).toEqual({ sent: 3, failed: 0 });
    expect([...sentTo].sort()).toEqual([...recipients].sort());
    expect((await queuedMailTo(...recipients)).every((mail) => mail.sentAt !== null && mail.attempts === 1)).toBe(true);
  });
});
