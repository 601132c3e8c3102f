ALTER TABLE "sessions" ADD COLUMN "sso_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_sso_tenant_id_tenants_id_fk" FOREIGN KEY ("sso_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_sso_tenant" ON "sessions" USING btree ("sso_tenant_id");--> statement-breakpoint
-- Hand-written: single sign-on sessions opened before this migration name no tenant, and a session is
-- no longer the whole account's when a tenant's IdP opened it: they end (their holders sign in again).
DELETE FROM "sessions" WHERE "auth_method" IN ('saml', 'oidc');--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_sso_bound" CHECK (("sessions"."auth_method" in ('saml', 'oidc')) = ("sessions"."sso_tenant_id" is not null));