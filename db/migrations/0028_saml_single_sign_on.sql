CREATE TABLE "saml_configs" (
	"tenant_id" uuid NOT NULL,
	"idp_metadata_xml" text NOT NULL,
	"idp_entity_id" text NOT NULL,
	"idp_sso_url" text NOT NULL,
	"idp_certs" text[] NOT NULL,
	"email_attribute" text DEFAULT 'email' NOT NULL,
	"require_sso" boolean DEFAULT false NOT NULL,
	"break_glass_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saml_configs_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "saml_message_ids" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "saml_message_ids_pk" PRIMARY KEY("tenant_id","kind","message_id"),
	CONSTRAINT "saml_message_ids_kind" CHECK ("saml_message_ids"."kind" in ('request', 'assertion'))
);
--> statement-breakpoint
ALTER TABLE "saml_configs" ADD CONSTRAINT "saml_configs_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saml_configs" ADD CONSTRAINT "saml_configs_break_glass_fk" FOREIGN KEY ("break_glass_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saml_message_ids" ADD CONSTRAINT "saml_message_ids_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saml_message_ids_expiry" ON "saml_message_ids" USING btree ("tenant_id","expires_at");--> statement-breakpoint
-- Hand-written: the tenant wall on both tables, and what a page view reads in the caller's own
-- (withUser) scope: the SAML settings of the tenants where the caller is an active member, so the
-- actor's one transaction can apply "Require single sign-on" without a second one (lib/actor.ts).
ALTER TABLE "saml_configs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "saml_configs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "saml_configs"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY own_tenants_saml ON "saml_configs" FOR SELECT
  USING (tenant_id IN (SELECT m.tenant_id FROM memberships m
    WHERE m.user_id = (SELECT nullif(current_setting('app.self_user_id', true), '')::uuid) AND m.status = 'active'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "saml_configs" TO tenantry_app;
--> statement-breakpoint
ALTER TABLE "saml_message_ids" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "saml_message_ids" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "saml_message_ids"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "saml_message_ids" TO tenantry_app;
