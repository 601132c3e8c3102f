-- Hand-written (issue 10, item 6): rate-limit rows say when they expire, so expired rows of every key
-- can be purged (before, a key's old rows were deleted only when that same key was hit again, so
-- counts for addresses and IPs never seen again stayed for ever). The index serves the purge, which
-- takes a bounded batch of expired rows with SKIP LOCKED (db/queries/rate-limits.ts).
-- Existing rows were all 15-minute windows.
ALTER TABLE "rate_limits" ADD COLUMN "expires_at" timestamp with time zone;
--> statement-breakpoint
UPDATE "rate_limits" SET "expires_at" = "window_start" + interval '15 minutes';
--> statement-breakpoint
ALTER TABLE "rate_limits" ALTER COLUMN "expires_at" SET NOT NULL;
--> statement-breakpoint
CREATE INDEX "rate_limits_expires_at" ON "rate_limits" USING btree ("expires_at");
