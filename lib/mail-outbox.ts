// How the app sends mail: it queues the message in the caller's transaction (mail_outbox) and the
// worker (lib/mail-worker.ts) delivers it once that transaction has committed. The request never waits
// for SMTP, a rolled-back change sends nothing, and mail queued while SMTP is down goes out later.
import "server-only";
import { randomUUID } from "node:crypto";
import { insertOutboxMail } from "@/db/queries/mail-outbox";
import { afterCommit, type Tx } from "@/db/scopes";
import type { Mail } from "./mail";
import { wakeMailWorker } from "./mail-worker";

/** Queues `mail` in `tx`; `purpose` names what it is for in the operator's logs ("member.add"). */
export async function enqueueMail(tx: Tx, mail: Mail, purpose: string): Promise<void> {
  await insertOutboxMail(tx, {
    id: randomUUID(),
    purpose,
    recipient: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html,
  });
  afterCommit(wakeMailWorker);
}
