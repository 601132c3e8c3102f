CREATE TABLE "ip_allow_lists" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"cidrs" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_allow_lists_pk" PRIMARY KEY("tenant_id","kind"),
	CONSTRAINT "ip_allow_lists_kind" CHECK ("ip_allow_lists"."kind" in ('run', 'edit', 'admin', 'package'))
);
--> statement-breakpoint
ALTER TABLE "ip_allow_lists" ADD CONSTRAINT "ip_allow_lists_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Hand-written: the tenant wall, and what a page view reads in the caller's own (withUser) scope: the
-- lists of the tenants where the caller is an active member, so the actor's one transaction can
-- check the address without a second one (lib/actor.ts).
ALTER TABLE "ip_allow_lists" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "ip_allow_lists" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "ip_allow_lists"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY own_tenants_lists ON "ip_allow_lists" FOR SELECT
  USING (tenant_id IN (SELECT m.tenant_id FROM memberships m
    WHERE m.user_id = (SELECT nullif(current_setting('app.self_user_id', true), '')::uuid) AND m.status = 'active'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "ip_allow_lists" TO tenantry_app;
