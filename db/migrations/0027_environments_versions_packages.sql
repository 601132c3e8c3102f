-- Environments, flow versions and packages (issue 16, item 4).
-- Every tenant has Development, Staging and Production; a flow lives in one of them and the same flow id
-- may live in several (a deploy keeps ids), so the environment joins the flows' key and their runs'
-- foreign key. Flows that existed before are Production's (the column default backfills them): they
-- are what the tenant has been running. flow_versions, packages and package_flows are tenant tables
-- under forced row-level security, append-only for the runtime role (no UPDATE or DELETE grant, and a
-- trigger refusing UPDATE for everyone, the owner included).
CREATE TABLE "flow_versions" (
	"tenant_id" uuid NOT NULL,
	"environment" text NOT NULL,
	"flow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"reason" text NOT NULL,
	"restored_from" integer,
	"package_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flow_versions_tenant_id_environment_flow_id_version_pk" PRIMARY KEY("tenant_id","environment","flow_id","version"),
	CONSTRAINT "flow_versions_environment" CHECK (environment in ('development', 'staging', 'production')),
	CONSTRAINT "flow_versions_reason" CHECK (reason in ('saved', 'restored', 'deployed', 'overwritten'))
);
--> statement-breakpoint
CREATE TABLE "package_flows" (
	"tenant_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"flow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	CONSTRAINT "package_flows_tenant_id_package_id_flow_id_pk" PRIMARY KEY("tenant_id","package_id","flow_id")
);
--> statement-breakpoint
CREATE TABLE "packages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"environment" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "packages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "packages_tenant_name" UNIQUE("tenant_id","name"),
	CONSTRAINT "packages_environment" CHECK (environment in ('development', 'staging', 'production'))
);
--> statement-breakpoint
ALTER TABLE "flows" DROP CONSTRAINT "flows_tenant_name";--> statement-breakpoint
ALTER TABLE "flow_runs" DROP CONSTRAINT "flow_runs_tenant_id_flow_id_flows_tenant_id_id_fk";
--> statement-breakpoint
DROP INDEX "flow_runs_flow_time";--> statement-breakpoint
ALTER TABLE "flow_runs" ADD COLUMN "environment" text DEFAULT 'production' NOT NULL;--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "environment" text DEFAULT 'production' NOT NULL;--> statement-breakpoint
ALTER TABLE "flows" DROP CONSTRAINT "flows_tenant_id_id_pk";--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_tenant_id_environment_id_pk" PRIMARY KEY("tenant_id","environment","id");--> statement-breakpoint
ALTER TABLE "flow_versions" ADD CONSTRAINT "flow_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_flows" ADD CONSTRAINT "package_flows_tenant_id_package_id_packages_tenant_id_id_fk" FOREIGN KEY ("tenant_id","package_id") REFERENCES "public"."packages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_runs" ADD CONSTRAINT "flow_runs_tenant_id_environment_flow_id_flows_tenant_id_environment_id_fk" FOREIGN KEY ("tenant_id","environment","flow_id") REFERENCES "public"."flows"("tenant_id","environment","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flow_runs_flow_time" ON "flow_runs" USING btree ("tenant_id","environment","flow_id","started_at" DESC NULLS FIRST);--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_tenant_name" UNIQUE("tenant_id","environment","name");--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_environment" CHECK (environment in ('development', 'staging', 'production'));
--> statement-breakpoint
-- History is never rewritten: whoever updates a version or a package (even the tables' owner) is refused.
CREATE FUNCTION refuse_history_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: its rows cannot be changed', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
ALTER TABLE "flow_versions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "flow_versions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "flow_versions"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT ON "flow_versions" TO tenantry_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON "flow_versions" FROM tenantry_app;
--> statement-breakpoint
CREATE TRIGGER flow_versions_immutable BEFORE UPDATE ON "flow_versions"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_update();
--> statement-breakpoint
ALTER TABLE "packages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "packages" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "packages"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT ON "packages" TO tenantry_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON "packages" FROM tenantry_app;
--> statement-breakpoint
CREATE TRIGGER packages_immutable BEFORE UPDATE ON "packages"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_update();
--> statement-breakpoint
ALTER TABLE "package_flows" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "package_flows" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "package_flows"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT ON "package_flows" TO tenantry_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON "package_flows" FROM tenantry_app;
--> statement-breakpoint
CREATE TRIGGER package_flows_immutable BEFORE UPDATE ON "package_flows"
  FOR EACH ROW EXECUTE FUNCTION refuse_history_update();
--> statement-breakpoint
-- Backfill: each existing flow's current state is its version 1, one tenant at a time (FORCE ROW LEVEL
-- SECURITY applies to a non-superuser owner too).
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    INSERT INTO flow_versions (tenant_id, environment, flow_id, version, name, steps, reason, created_by, created_at)
      SELECT f.tenant_id, f.environment, f.id, 1, f.name, f.steps, 'saved', f.created_by, f.updated_at
      FROM flows f WHERE f.tenant_id = t.id;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
