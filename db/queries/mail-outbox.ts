// The mail outbox's statements. Queuing runs in any scope (the caller's own transaction); claiming
// and recording an outcome run only in withMailDelivery, the one scope the policies let read rows.
import { and, asc, eq, isNull, lt, lte, sql } from "drizzle-orm";
import { rowsOf } from "../client";
import { mailOutbox, type OutboxMail } from "../schema";
import type { MailDeliveryTx, Tx } from "../scopes";

export interface QueuedMail {
  id: string;
  purpose: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
}

/** No RETURNING: the runtime roles may insert rows but not read them back. */
export async function insertOutboxMail(tx: Tx, mail: QueuedMail): Promise<void> {
  await tx.insert(mailOutbox).values(mail);
}

/**
 * Claims the oldest due row, skipping rows another worker holds (FOR UPDATE SKIP LOCKED), and moves
 * its next attempt to `retryAt` before the claim commits: while it is being sent it is not due for
 * anyone else, and if the sender dies the row comes back by itself at that time.
 *
 * Due by the database's clock, which stamped the row when it was queued, unless `now` is given (tests
 * move time forward): the app's clock has milliseconds only, so a row queued in the same millisecond
 * as the wake-up after its commit was not due yet and waited for the next poll.
 */
export async function claimDueMail(
  tx: MailDeliveryTx,
  options: { now?: Date; maxAttempts: number; retryAt: (attempt: number) => Date },
): Promise<OutboxMail | null> {
  const [row] = await tx
    .select()
    .from(mailOutbox)
    .where(
      and(
        isNull(mailOutbox.sentAt),
        isNull(mailOutbox.givenUpAt),
        lte(mailOutbox.nextAttemptAt, options.now ?? sql`now()`),
        lt(mailOutbox.attempts, options.maxAttempts),
      ),
    )
    .orderBy(asc(mailOutbox.nextAttemptAt))
    .limit(1)
    .for("update", { skipLocked: true });
  if (!row) return null;
  const attempts = row.attempts + 1;
  const nextAttemptAt = options.retryAt(attempts);
  await tx.update(mailOutbox).set({ attempts, nextAttemptAt }).where(eq(mailOutbox.id, row.id));
  return { ...row, attempts, nextAttemptAt };
}

// A mail's bodies may hold live links (sign-in, set-password, invitations). Once it is sent or given
// up nothing reads them again (a resend's Message-ID comes from the row id), so they are cleared then
// and do not wait in the database for as long as the row is kept.
const WITHOUT_BODIES = { textBody: "", htmlBody: "" };

export async function markMailSent(tx: MailDeliveryTx, id: string): Promise<void> {
  await tx.update(mailOutbox).set({ sentAt: sql`now()`, lastError: null, ...WITHOUT_BODIES }).where(eq(mailOutbox.id, id));
}

/** Records a failed attempt; `givenUp` ends the retries (the row stays, for the operator, without its bodies). */
export async function markMailFailed(tx: MailDeliveryTx, id: string, error: string, givenUp: boolean): Promise<void> {
  await tx
    .update(mailOutbox)
    .set({ lastError: error.slice(0, 2000), ...(givenUp ? { givenUpAt: sql`now()`, ...WITHOUT_BODIES } : {}) })
    .where(eq(mailOutbox.id, id));
}

/**
 * Deletes up to `batch` rows that were sent or given up before `before`; how many it deleted. SKIP
 * LOCKED: several servers' workers purge side by side without waiting on each other. The policy lets
 * only this scope delete, and only finished rows (migration 0052).
 */
export async function purgeFinishedMail(tx: MailDeliveryTx, before: Date, batch: number): Promise<number> {
  const result = await tx.execute(sql`
    delete from mail_outbox where id in (
      select id from mail_outbox
      where coalesce(sent_at, given_up_at) < ${before.toISOString()}::timestamptz
      limit ${batch}
      for update skip locked)
    returning id`);
  return rowsOf(result).length;
}
