-- Hand-written (issue 11, item 1): the activity log's Actor filter searches members by the beginning
-- of their address or name instead of listing them all. text_pattern_ops indexes serve LIKE 'typed%'
-- whatever the database's collation, and their order (~<~) lets the search stop after 20 members.
CREATE INDEX IF NOT EXISTS "users_email_prefix" ON "users" USING btree ("email" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_name_prefix" ON "users" USING btree (lower("name") text_pattern_ops);
