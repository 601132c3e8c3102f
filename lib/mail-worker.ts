// Delivers the mail outbox (migration 0013, lib/mail-outbox.ts). Started once per server process from
// instrumentation.ts; woken right after a transaction that queued mail commits, and every 5 s besides
// (mail queued by another process, retries coming due, a wake-up lost to a crash).
//
// Each row is claimed in a short transaction (FOR UPDATE SKIP LOCKED) that also moves its next attempt
// forward by the retry delay, then sent outside any transaction (PGlite has a single connection; a
// transaction held open across SMTP would stall every request), then marked sent. Retries back off
// from 30 s, doubling, to at most 1 h; after 8 failed attempts the row is given up and logged. A
// process that dies between sending and marking sends that one message again: delivery is at least
// once, and each message carries a Message-ID made from its row id, so a receiver can tell a repeat.
// Sent and given-up rows are deleted 30 days later (checked when the worker starts, then hourly).
import type { Transporter } from "nodemailer";
import { claimDueMail, markMailFailed, markMailSent, purgeFinishedMail } from "@/db/queries/mail-outbox";
import type { OutboxMail } from "@/db/schema";
import { withMailDelivery } from "@/db/scopes";
import { getEnv } from "./env";
import { createMailTransport } from "./mail";

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 60 * 60_000;
export const MAX_ATTEMPTS = 8;
export const POLL_MS = 5_000;
/** Rows sent side by side, so one slow recipient server does not hold up every other mail. */
const PARALLEL_SENDS = 3;
/** How long a sent or given-up row is kept (for an operator asking whether a mail went out), then deleted. */
export const FINISHED_MAIL_RETENTION_MS = 30 * 24 * 60 * 60_000;
/** How often a worker deletes finished rows past the retention (and once when it starts). */
export const PURGE_INTERVAL_MS = 60 * 60_000;
/** Rows deleted per transaction, so a purge never holds many row locks or one long transaction. */
const PURGE_BATCH = 500;

/** The wait after failed attempt number `attempt` (1-based): 30 s, 1 min, 2 min, ... at most 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
}

export function messageIdOf(outboxId: string): string {
  return `<${outboxId}@outbox.tenantry>`;
}

export interface DeliveryOptions {
  transport: Transporter;
  from: string;
  /** The clock deciding what is due (tests move it forward instead of waiting). */
  now?: () => Date;
  /** Asked before each claim: true once the worker is stopped, so its loops take no new row. */
  stopped?: () => boolean;
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
}

/** Claims the next due row (moving its next attempt on), or null when none is due or the worker stopped. */
async function claimNext(options: DeliveryOptions): Promise<OutboxMail | null> {
  // A stopped worker's send may still be waiting on a relay; when it ends, the loop must not go on
  // to claim mail that a newer worker (with another transport) is there to send.
  if (options.stopped?.()) return null;
  const now = options.now?.();
  return withMailDelivery((tx) =>
    claimDueMail(tx, {
      now,
      maxAttempts: MAX_ATTEMPTS,
      retryAt: (attempt) => new Date((now ?? new Date()).getTime() + retryDelayMs(attempt)),
    }),
  );
}

/** Sends `first`, then due rows one claim at a time until none is due; several such loops may run at once. */
async function deliverLoop(options: DeliveryOptions, counts: DeliveryCounts, first: OutboxMail | null = null): Promise<void> {
  for (let row = first ?? (await claimNext(options)); row; row = await claimNext(options)) {
    try {
      await options.transport.sendMail({
        from: options.from,
        to: row.recipient,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody,
        messageId: messageIdOf(row.id),
      });
    } catch (error) {
      counts.failed++;
      const givenUp = row.attempts >= MAX_ATTEMPTS;
      const reason = error instanceof Error ? error.message : String(error);
      await withMailDelivery((tx) => markMailFailed(tx, row.id, reason, givenUp));
      if (givenUp) {
        console.error(`[mail-worker] gave up on ${row.purpose} mail ${row.id} to ${row.recipient} after ${row.attempts} attempts: ${reason}`);
      } else {
        console.warn(`[mail-worker] ${row.purpose} mail ${row.id}: attempt ${row.attempts} failed (${reason}); next at ${row.nextAttemptAt.toISOString()}`);
      }
      continue;
    }
    await withMailDelivery((tx) => markMailSent(tx, row.id));
    counts.sent++;
  }
}

/** Delivers everything due now and returns how many were sent and how many attempts failed. */
export async function deliverDueMail(options: DeliveryOptions): Promise<DeliveryCounts> {
  const counts = { sent: 0, failed: 0 };
  // Most runs (the 5 s poll) find nothing due: one claim tells, and only then do the other loops start.
  const first = await claimNext(options);
  if (!first) return counts;
  const others = Array.from({ length: PARALLEL_SENDS - 1 }, () => deliverLoop(options, counts));
  await Promise.all([deliverLoop(options, counts, first), ...others]);
  return counts;
}

/** Deletes every row finished (sent or given up) more than the retention before `now`; how many. */
export async function purgeFinishedMailBefore(now: Date): Promise<number> {
  const before = new Date(now.getTime() - FINISHED_MAIL_RETENTION_MS);
  let deleted = 0;
  for (;;) {
    const batch = await withMailDelivery((tx) => purgeFinishedMail(tx, before, PURGE_BATCH));
    deleted += batch;
    if (batch < PURGE_BATCH) return deleted;
  }
}

interface WorkerState {
  options: DeliveryOptions;
  timer: ReturnType<typeof setInterval>;
  purgeTimer: ReturnType<typeof setInterval>;
  /** The purge in progress, if any (stopMailWorker waits for it as for a delivery run). */
  purging: Promise<void> | null;
  running: Promise<void> | null;
  /** A wake-up arrived during a run: run again when it ends (the new row may have been missed). */
  again: boolean;
  stopped: boolean;
}

// Kept on globalThis: one worker per process, also across Next.js dev reloads.
const globalForWorker = globalThis as unknown as { tenantryMailWorker?: WorkerState };

/** Starts this process's worker (once; later calls do nothing). Options are for tests. */
export function startMailWorker(options: Partial<DeliveryOptions> = {}): void {
  if (globalForWorker.tenantryMailWorker) return;
  const env = getEnv();
  const state: WorkerState = {
    options: {
      transport: options.transport ?? createMailTransport(env.smtpUrl),
      from: options.from ?? env.mailFrom,
      now: options.now,
      stopped: () => state.stopped,
    },
    timer: setInterval(wakeMailWorker, POLL_MS),
    purgeTimer: setInterval(() => purgeInBackground(state), PURGE_INTERVAL_MS),
    purging: null,
    running: null,
    again: false,
    stopped: false,
  };
  // The poll alone must not keep a script or test process alive.
  state.timer.unref();
  state.purgeTimer.unref();
  globalForWorker.tenantryMailWorker = state;
  wakeMailWorker();
  purgeInBackground(state);
}

function purgeInBackground(state: WorkerState): void {
  if (state.stopped || state.purging) return;
  state.purging = purgeFinishedMailBefore(state.options.now?.() ?? new Date())
    .then(() => undefined)
    // The database is unreachable or similar: the next interval tries again.
    .catch((error: unknown) => console.error("[mail-worker] purging finished mail failed:", error))
    .finally(() => {
      state.purging = null;
    });
}

/** Asks the worker to look for due mail now (after a commit that queued some). No worker: nothing. */
export function wakeMailWorker(): void {
  const state = globalForWorker.tenantryMailWorker;
  if (!state || state.stopped) return;
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = (async () => {
    do {
      state.again = false;
      try {
        await deliverDueMail(state.options);
      } catch (error) {
        // The database is unreachable or similar: the next wake-up or poll tries again.
        console.error("[mail-worker] delivery run failed:", error);
      }
    } while (state.again && !state.stopped);
    state.running = null;
  })();
}

/** Stops the worker; `wait` also waits for the run in progress (a send may take until its timeout). */
export async function stopMailWorker({ wait = true } = {}): Promise<void> {
  const state = globalForWorker.tenantryMailWorker;
  if (!state) return;
  state.stopped = true;
  clearInterval(state.timer);
  clearInterval(state.purgeTimer);
  globalForWorker.tenantryMailWorker = undefined;
  // A purge is short (it never waits on SMTP): always waited for, so it does not outlive the worker.
  await state.purging;
  if (wait) await state.running;
}

/** Waits until the worker has nothing in progress (tests). */
export async function mailWorkerIdle(): Promise<void> {
  while (globalForWorker.tenantryMailWorker?.running) await globalForWorker.tenantryMailWorker.running;
}
