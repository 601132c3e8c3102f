// Reads the mail outbox through the mail-delivery scope (the only one its policies let read), for tests
// that check what a change mailed. Addresses are unique per test, so files sharing a database do not mix.
import { asc, eq, inArray } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import { withMailDelivery } from "@/db/scopes";
import { linksIssued } from "@/lib/magic-link-issue";

export interface QueuedMailRow {
  id: string;
  purpose: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  sentAt: Date | null;
  givenUpAt: Date | null;
  nextAttemptAt: Date;
}

/** Every mail queued to these addresses, oldest first, sent or not. */
export async function queuedMailTo(...addresses: string[]): Promise<QueuedMailRow[]> {
  await linksIssued(); // the login form queues its link after answering
  const rows = await withMailDelivery((tx) =>
    tx
      .select()
      .from(mailOutbox)
      .where(addresses.length === 1 ? eq(mailOutbox.recipient, addresses[0]!) : inArray(mailOutbox.recipient, addresses))
      .orderBy(asc(mailOutbox.createdAt)),
  );
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    to: row.recipient,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    attempts: row.attempts,
    sentAt: row.sentAt,
    givenUpAt: row.givenUpAt,
    nextAttemptAt: row.nextAttemptAt,
  }));
}

/**
 * What the app queued to some addresses from a point on, for tests that count or read the mail an action
 * sent. `reset` forgets what is already there; `to` reads what was queued since.
 */
export class MailWatch {
  private before = new Set<string>();

  async reset(...addresses: string[]): Promise<void> {
    this.before = new Set((await queuedMailTo(...addresses)).map((row) => row.id));
  }

  async to(...addresses: string[]): Promise<QueuedMailRow[]> {
    return (await queuedMailTo(...addresses)).filter((row) => !this.before.has(row.id));
  }

  /** The link to the sign-in page in the newest mail to `address`. */
  async lastSignInLink(address: string): Promise<URL> {
    const mail = (await this.to(address)).at(-1);
    if (!mail) throw new Error(`no mail queued to ${address}`);
    return new URL(mail.text.match(/https?:\/\/\S+\/login\/verify\?\S+/)![0]);
  }
}
