-- Hand-written: the transactional mail outbox (issue 10, item 3). A request writes its mail here in
-- its own transaction and returns; lib/mail-worker.ts delivers after commit. So a request never waits
-- for SMTP (the answer time no longer tells whether an address has an account), mail survives an SMTP
-- outage, and a rolled-back change sends nothing.
--
-- Row-level security: every scope may queue mail (INSERT, no RETURNING: ids are made by the app), but
-- only the mail-delivery scope (app.mail_delivery = 'on', set by withMailDelivery) may read or update
-- rows, because queued mail holds live sign-in links. Nobody deletes through the runtime roles.
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"given_up_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The worker's only question: which undelivered rows are due, oldest due first.
CREATE INDEX "mail_outbox_due" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "sent_at" IS NULL AND "given_up_at" IS NULL;
--> statement-breakpoint
ALTER TABLE "mail_outbox" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "mail_outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON "mail_outbox" FROM tenantry_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "mail_outbox" TO tenantry_app;
--> statement-breakpoint
-- tenantry_platform is a member of tenantry_app, so these policies apply to both runtime roles.
CREATE POLICY queue_mail ON "mail_outbox" FOR INSERT TO tenantry_app
	WITH CHECK (sent_at IS NULL AND given_up_at IS NULL AND attempts = 0);
--> statement-breakpoint
CREATE POLICY deliver_mail_read ON "mail_outbox" FOR SELECT TO tenantry_app
	USING (current_setting('app.mail_delivery', true) = 'on');
--> statement-breakpoint
CREATE POLICY deliver_mail_update ON "mail_outbox" FOR UPDATE TO tenantry_app
	USING (current_setting('app.mail_delivery', true) = 'on')
	WITH CHECK (current_setting('app.mail_delivery', true) = 'on');
