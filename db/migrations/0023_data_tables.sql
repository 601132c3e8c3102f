-- Data tables (issue 14, item 1): a tenant's own tables with typed columns (data_tables) and their
-- rows (data_table_rows, values as jsonb keyed by column name). Both are tenant tables under forced
-- row-level security; a row's foreign key to its table leads with tenant_id. A table's name is
-- unique in its tenant regardless of case (a unique index on lower(name)).
CREATE TABLE "data_table_rows" (
	"tenant_id" uuid NOT NULL,
	"table_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_table_rows_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "data_tables" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"columns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_tables_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "data_table_rows" ADD CONSTRAINT "data_table_rows_table_fk" FOREIGN KEY ("tenant_id","table_id") REFERENCES "public"."data_tables"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_tables" ADD CONSTRAINT "data_tables_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_table_rows_table_created" ON "data_table_rows" USING btree ("tenant_id","table_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "data_tables_tenant_name" ON "data_tables" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
ALTER TABLE "data_tables" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "data_tables" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "data_tables"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "data_tables" TO tenantry_app;
--> statement-breakpoint
ALTER TABLE "data_table_rows" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "data_table_rows" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "data_table_rows"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "data_table_rows" TO tenantry_app;
