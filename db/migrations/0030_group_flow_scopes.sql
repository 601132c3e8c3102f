-- A custom group narrowed to particular flows (issue 15, item 1): tenant_groups.flows_scoped ("Only these
-- flows") and the flows it names (tenant_group_flows, by flow id across environments: see db/schema/groups.ts).
-- A tenant table under forced row-level security; read only in the tenant scope (the flow actions and pages).
CREATE TABLE "tenant_group_flows" (
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"flow_id" uuid NOT NULL,
	"environment" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_group_flows_pk" PRIMARY KEY("tenant_id","group_id","flow_id")
);
--> statement-breakpoint
ALTER TABLE "tenant_groups" ADD COLUMN "flows_scoped" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_group_flows" ADD CONSTRAINT "tenant_group_flows_group_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_group_flows" ADD CONSTRAINT "tenant_group_flows_flow_fk" FOREIGN KEY ("tenant_id","environment","flow_id") REFERENCES "public"."flows"("tenant_id","environment","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_group_flows_flow" ON "tenant_group_flows" USING btree ("tenant_id","environment","flow_id");--> statement-breakpoint
ALTER TABLE "tenant_group_flows" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenant_group_flows" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "tenant_group_flows"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "tenant_group_flows" TO tenantry_app;
