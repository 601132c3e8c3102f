DROP INDEX "memberships_tenant_status";--> statement-breakpoint
DROP INDEX "memberships_tenant_created";--> statement-breakpoint
CREATE INDEX "users_never_signed_in" ON "users" USING btree ("id") WHERE "users"."email_verified" is null;--> statement-breakpoint
CREATE INDEX "memberships_tenant_created" ON "memberships" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST,"user_id","status","roles");