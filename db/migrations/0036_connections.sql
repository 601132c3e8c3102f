CREATE TABLE "connections" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"connector" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"key_id" text NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text NOT NULL,
	"ciphertext" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_error" text,
	"last_tested_at" timestamp with time zone,
	"last_received_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connections_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "connections_tenant_name" UNIQUE("tenant_id","name"),
	CONSTRAINT "connections_status" CHECK (status in ('active', 'inactive', 'failing'))
);
--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connections_tenant_status" ON "connections" USING btree ("tenant_id","status");--> statement-breakpoint
-- Hand-written: a tenant table under forced row-level security, like the others.
ALTER TABLE "connections" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "connections" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "connections"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "connections" TO tenantry_app;
--> statement-breakpoint
-- An archived tenant is read-only (migration tenant_archive): its connections too (archiving itself
-- deactivates them first, in the same transaction, before the tenant is marked archived).
CREATE TRIGGER archived_tenant_read_only BEFORE INSERT OR UPDATE OR DELETE ON "connections"
  FOR EACH ROW EXECUTE FUNCTION refuse_write_to_archived_tenant();
