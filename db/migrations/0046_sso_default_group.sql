-- Issue 16, item 1: "Default group for new single sign-on users" on the tenant's identity provider row
-- (db/schema/sso-default-group.ts). The foreign keys are edited by hand: ON DELETE SET NULL names
-- default_group_id only (PostgreSQL 15+), since a plain SET NULL would also null tenant_id (NOT NULL) and
-- make deleting the group fail; with it, deleting the chosen group leaves default_role, Viewer, in force.
-- The columns have constant defaults, so no table is rewritten; the tables keep their FORCE RLS policies.
ALTER TABLE "saml_configs" ADD COLUMN "default_role" text DEFAULT 'viewer' NOT NULL;--> statement-breakpoint
ALTER TABLE "saml_configs" ADD COLUMN "default_group_id" uuid;--> statement-breakpoint
ALTER TABLE "oidc_configs" ADD COLUMN "default_role" text DEFAULT 'viewer' NOT NULL;--> statement-breakpoint
ALTER TABLE "oidc_configs" ADD COLUMN "default_group_id" uuid;--> statement-breakpoint
ALTER TABLE "saml_configs" ADD CONSTRAINT "saml_configs_default_group_fk" FOREIGN KEY ("tenant_id","default_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE SET NULL ("default_group_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_configs" ADD CONSTRAINT "oidc_configs_default_group_fk" FOREIGN KEY ("tenant_id","default_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE SET NULL ("default_group_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saml_configs" ADD CONSTRAINT "saml_configs_default_role_not_admin" CHECK ("saml_configs"."default_role" in ('viewer', 'editor'));--> statement-breakpoint
ALTER TABLE "saml_configs" ADD CONSTRAINT "saml_configs_default_group_is_viewer_fallback" CHECK ("saml_configs"."default_group_id" is null or "saml_configs"."default_role" = 'viewer');--> statement-breakpoint
ALTER TABLE "oidc_configs" ADD CONSTRAINT "oidc_configs_default_role_not_admin" CHECK ("oidc_configs"."default_role" in ('viewer', 'editor'));--> statement-breakpoint
ALTER TABLE "oidc_configs" ADD CONSTRAINT "oidc_configs_default_group_is_viewer_fallback" CHECK ("oidc_configs"."default_group_id" is null or "oidc_configs"."default_role" = 'viewer');