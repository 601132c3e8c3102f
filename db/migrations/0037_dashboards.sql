CREATE TABLE "dashboard_widgets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dashboard_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"config" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_widgets_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "dashboard_widgets_kind" CHECK (kind in ('number', 'chart', 'table'))
);
--> statement-breakpoint
CREATE TABLE "dashboards" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboards_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "dashboard_widgets" ADD CONSTRAINT "dashboard_widgets_dashboard_fk" FOREIGN KEY ("tenant_id","dashboard_id") REFERENCES "public"."dashboards"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dashboard_widgets_dashboard_position" ON "dashboard_widgets" USING btree ("tenant_id","dashboard_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "dashboards_tenant_name" ON "dashboards" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "flow_runs_tenant_time" ON "flow_runs" USING btree ("tenant_id","environment","started_at");--> statement-breakpoint
CREATE INDEX "flow_runs_tenant_status_time" ON "flow_runs" USING btree ("tenant_id","environment","status","started_at");--> statement-breakpoint
CREATE INDEX "data_table_rows_table_created" ON "data_table_rows" USING btree ("tenant_id","table_id","created_at");--> statement-breakpoint
-- Hand-written: tenant tables under forced row-level security, like the others.
ALTER TABLE "dashboards" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "dashboards" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "dashboards"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "dashboards" TO tenantry_app;
--> statement-breakpoint
ALTER TABLE "dashboard_widgets" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "dashboard_widgets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "dashboard_widgets"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "dashboard_widgets" TO tenantry_app;
--> statement-breakpoint
-- An archived tenant is read-only (migration tenant_archive): its dashboards too.
CREATE TRIGGER archived_tenant_read_only BEFORE INSERT OR UPDATE OR DELETE ON "dashboards"
  FOR EACH ROW EXECUTE FUNCTION refuse_write_to_archived_tenant();
--> statement-breakpoint
CREATE TRIGGER archived_tenant_read_only BEFORE INSERT OR UPDATE OR DELETE ON "dashboard_widgets"
  FOR EACH ROW EXECUTE FUNCTION refuse_write_to_archived_tenant();
