CREATE TABLE "flow_template_uses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"name" text,
	"description" text,
	"extra_steps" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flow_template_uses_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "flow_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "flow_template_uses" ADD CONSTRAINT "flow_template_uses_template_id_flow_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."flow_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_template_uses" ADD CONSTRAINT "flow_template_uses_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "flow_template_uses_tenant_template" ON "flow_template_uses" USING btree ("tenant_id","template_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flow_templates_name" ON "flow_templates" USING btree (lower("name"));--> statement-breakpoint
-- Hand-written. Flow templates are workspace-level: the runtime role (every tenant) reads them, only
-- the console's role writes them (tenantry_platform inherits tenantry_app's SELECT).
REVOKE INSERT, UPDATE, DELETE ON "flow_templates" FROM tenantry_app;
--> statement-breakpoint
GRANT INSERT, UPDATE, DELETE ON "flow_templates" TO tenantry_platform;
--> statement-breakpoint
-- A tenant's customisation of a template: a tenant table like every other.
ALTER TABLE "flow_template_uses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "flow_template_uses" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "flow_template_uses"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "flow_template_uses" TO tenantry_app;
--> statement-breakpoint
-- An archived tenant is read-only (migration tenant_archive): its template customisations too.
CREATE TRIGGER archived_tenant_read_only BEFORE INSERT OR UPDATE OR DELETE ON "flow_template_uses"
  FOR EACH ROW EXECUTE FUNCTION refuse_write_to_archived_tenant();
