import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Global table: mail written in the transaction of the change it is about, delivered after commit by
// lib/mail-worker.ts (migration 0013). Only the mail-delivery scope may read or update it.
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    /** Made by the app (the runtime roles cannot read rows back); also the mail's Message-ID. */
    id: uuid("id").primaryKey(),
    /** What the mail is for ("auth.magic_link", "member.add", ...): for the operator's logs. */
    purpose: text("purpose").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** When a worker may (re)try it; a claim moves it forward, so a claimed row is not due again while it is sent. */
    nextAttemptAt: timestamp("next_attempt_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { mode: "date", withTimezone: true }),
    givenUpAt: timestamp("given_up_at", { mode: "date", withTimezone: true }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mail_outbox_due").on(t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.givenUpAt} is null`)],
);

export type OutboxMail = typeof mailOutbox.$inferSelect;
