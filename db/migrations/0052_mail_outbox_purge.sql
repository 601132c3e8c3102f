-- Hand-written: the mail worker deletes finished outbox rows (sent or given up) after a retention
-- period (lib/mail-worker.ts, db/queries/mail-outbox.ts purgeFinishedMail); the table grew with every
-- mail ever sent. Only the mail-delivery scope may delete, and only finished rows: mail still to be
-- sent can never be deleted, by any scope. tests/mail/outbox-purge.test.ts.
GRANT DELETE ON "mail_outbox" TO tenantry_app;
--> statement-breakpoint
CREATE POLICY deliver_mail_purge ON "mail_outbox" FOR DELETE TO tenantry_app
	USING (current_setting('app.mail_delivery', true) = 'on' AND (sent_at IS NOT NULL OR given_up_at IS NOT NULL));
