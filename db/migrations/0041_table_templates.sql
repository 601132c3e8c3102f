CREATE TABLE "table_template_uses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"table_id" uuid NOT NULL,
	"name" text,
	"column_labels" jsonb,
	"extra_columns" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "table_template_uses_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "table_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"columns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "table_template_uses" ADD CONSTRAINT "table_template_uses_template_id_table_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."table_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_template_uses" ADD CONSTRAINT "table_template_uses_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_template_uses" ADD CONSTRAINT "table_template_uses_table_fk" FOREIGN KEY ("tenant_id","table_id") REFERENCES "public"."data_tables"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "table_template_uses_tenant_template" ON "table_template_uses" USING btree ("tenant_id","template_id");--> statement-breakpoint
CREATE UNIQUE INDEX "table_template_uses_tenant_table" ON "table_template_uses" USING btree ("tenant_id","table_id");--> statement-breakpoint
CREATE UNIQUE INDEX "table_templates_name" ON "table_templates" USING btree (lower("name"));--> statement-breakpoint
-- Hand-written. Table templates are workspace-level like flow templates (0035): the runtime role (every
-- tenant) reads them, only the console's role writes them (tenantry_platform inherits the SELECT).
REVOKE INSERT, UPDATE, DELETE ON "table_templates" FROM tenantry_app;
--> statement-breakpoint
GRANT INSERT, UPDATE, DELETE ON "table_templates" TO tenantry_platform;
--> statement-breakpoint
-- A tenant's use of a template: a tenant table like every other.
ALTER TABLE "table_template_uses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "table_template_uses" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "table_template_uses"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "table_template_uses" TO tenantry_app;
--> statement-breakpoint
-- An archived tenant is read-only (migration tenant_archive): its template uses too.
CREATE TRIGGER archived_tenant_read_only BEFORE INSERT OR UPDATE OR DELETE ON "table_template_uses"
  FOR EACH ROW EXECUTE FUNCTION refuse_write_to_archived_tenant();
