CREATE TABLE "oidc_configs" (
	"tenant_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"secret_key_id" text NOT NULL,
	"secret_iv" text NOT NULL,
	"secret_auth_tag" text NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"email_claim" text DEFAULT 'email' NOT NULL,
	"require_sso" boolean DEFAULT false NOT NULL,
	"break_glass_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oidc_configs_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "oidc_sign_in_requests" (
	"tenant_id" uuid NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oidc_sign_in_requests_pk" PRIMARY KEY("tenant_id","state")
);
--> statement-breakpoint
ALTER TABLE "oidc_configs" ADD CONSTRAINT "oidc_configs_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_configs" ADD CONSTRAINT "oidc_configs_break_glass_fk" FOREIGN KEY ("break_glass_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_sign_in_requests" ADD CONSTRAINT "oidc_sign_in_requests_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oidc_sign_in_requests_expiry" ON "oidc_sign_in_requests" USING btree ("tenant_id","expires_at");--> statement-breakpoint
-- Hand-written: the tenant wall on both tables, and (as for saml_configs) what a page view reads in
-- the caller's own scope: the OIDC settings' requirement of the tenants where the caller is an active
-- member, so the actor's one statement applies "Require single sign-on" (db/queries/tenants.ts).
ALTER TABLE "oidc_configs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "oidc_configs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "oidc_configs"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY own_tenants_oidc ON "oidc_configs" FOR SELECT
  USING (tenant_id IN (SELECT m.tenant_id FROM memberships m
    WHERE m.user_id = (SELECT nullif(current_setting('app.self_user_id', true), '')::uuid) AND m.status = 'active'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oidc_configs" TO tenantry_app;
--> statement-breakpoint
ALTER TABLE "oidc_sign_in_requests" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "oidc_sign_in_requests" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "oidc_sign_in_requests"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oidc_sign_in_requests" TO tenantry_app;
