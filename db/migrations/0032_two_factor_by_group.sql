ALTER TABLE "tenants" DROP CONSTRAINT "tenants_two_factor_required";--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "two_factor_roles" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_groups" ADD COLUMN "two_factor_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_two_factor_roles" CHECK ("tenants"."two_factor_roles" <@ array['viewer', 'editor', 'admin']::text[]);--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_two_factor_required" CHECK ("tenants"."two_factor_required" in ('off', 'admins', 'everyone', 'groups'));