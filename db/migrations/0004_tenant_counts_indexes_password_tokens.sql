-- pg_trgm (a trusted extension) backs the substring searches on users and the activity summary.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "password_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "activity_tenant_time";--> statement-breakpoint
DROP INDEX "platform_activity_time";--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "flow_cap" SET DEFAULT 5;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "member_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "flow_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "password_tokens" ADD CONSTRAINT "password_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "password_tokens_user" ON "password_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_email_trgm" ON "users" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_name_trgm" ON "users" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "memberships_tenant_created" ON "memberships" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "memberships_tenant_status" ON "memberships" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "flow_runs_flow_time" ON "flow_runs" USING btree ("tenant_id","flow_id","started_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "activity_tenant_actor_time" ON "activity" USING btree ("tenant_id","actor_user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "activity_tenant_action_time" ON "activity" USING btree ("tenant_id","action","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "activity_tenant_target_time" ON "activity" USING btree ("tenant_id","target_type","target_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "activity_summary_trgm" ON "activity" USING gin ("summary" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "activity_tenant_time" ON "activity" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "platform_activity_time" ON "platform_activity" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);