-- Custom groups (issue 15, item 1): a tenant's groups with permissions from the catalog (tenant_groups)
-- and their members (tenant_group_members, by user, cascading with the membership). Both are tenant
-- tables under forced row-level security. The own_* policies let a signed-in user read, in their user
-- scope, their own group rows and the groups they are in: lib/actor.ts resolves their permissions in
-- the one transaction that reads their membership. Read-only, like own_memberships.
CREATE TABLE "tenant_group_members" (
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_group_members_pk" PRIMARY KEY("tenant_id","group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "tenant_groups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"permissions" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_groups_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tenant_groups_name_not_blank" CHECK (length(btrim("tenant_groups"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "tenant_group_members" ADD CONSTRAINT "tenant_group_members_group_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_group_members" ADD CONSTRAINT "tenant_group_members_member_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."memberships"("tenant_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_groups" ADD CONSTRAINT "tenant_groups_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_group_members_user" ON "tenant_group_members" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_groups_tenant_name" ON "tenant_groups" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
ALTER TABLE "tenant_groups" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenant_groups" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "tenant_groups"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY own_groups ON "tenant_groups" FOR SELECT
  USING ((tenant_id, id) IN (SELECT gm.tenant_id, gm.group_id FROM tenant_group_members gm
    WHERE gm.user_id = (SELECT nullif(current_setting('app.self_user_id', true), '')::uuid)));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "tenant_groups" TO tenantry_app;
--> statement-breakpoint
ALTER TABLE "tenant_group_members" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenant_group_members" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "tenant_group_members"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY own_group_memberships ON "tenant_group_members" FOR SELECT
  USING (user_id = (SELECT nullif(current_setting('app.self_user_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "tenant_group_members" TO tenantry_app;
