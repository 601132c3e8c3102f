-- A tenant's use of a flow template becomes a real flow (issue 14, item 3): the use points at a flow
-- row of the tenant that holds the effective name and steps. Columns are added nullable, filled, then
-- made NOT NULL, so existing uses get their flow here (not lazily on first open).
ALTER TABLE "flow_template_uses" ADD COLUMN "environment" text DEFAULT 'production' NOT NULL;--> statement-breakpoint
ALTER TABLE "flow_template_uses" ADD COLUMN "flow_id" uuid;--> statement-breakpoint
ALTER TABLE "flow_template_uses" ADD COLUMN "template_synced_at" timestamp with time zone;--> statement-breakpoint
-- Hand-written backfill. Each existing use gets a Production flow named like its effective name (with
-- " (from template)" appended when a flow of the tenant has that name already) and its first version.
-- Such flows are counted by the flow_count trigger like any flow, even past the cap (a migration cannot
-- refuse; the cap refuses the next create). Archived tenants' rows are written too: the archive trigger
-- is paused for this statement only. Row-level security is satisfied per tenant, as in migration 0027.
ALTER TABLE "flows" DISABLE TRIGGER archived_tenant_read_only;--> statement-breakpoint
ALTER TABLE "flow_versions" DISABLE TRIGGER archived_tenant_read_only;--> statement-breakpoint
ALTER TABLE "flow_template_uses" DISABLE TRIGGER archived_tenant_read_only;--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT DISTINCT tenant_id AS id FROM flow_template_uses LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    UPDATE flow_template_uses u SET flow_id = gen_random_uuid(), template_synced_at = tpl.updated_at
      FROM flow_templates tpl WHERE tpl.id = u.template_id AND u.tenant_id = t.id;
    INSERT INTO flows (tenant_id, environment, id, name, steps, created_by, created_at, updated_at)
      SELECT u.tenant_id, 'production', u.flow_id,
        CASE WHEN EXISTS (SELECT 1 FROM flows f WHERE f.tenant_id = u.tenant_id AND f.environment = 'production' AND f.name = coalesce(u.name, tpl.name))
          THEN coalesce(u.name, tpl.name) || ' (from template)' ELSE coalesce(u.name, tpl.name) END,
        tpl.steps || coalesce(u.extra_steps, '[]'::jsonb), u.created_by, u.created_at, now()
      FROM flow_template_uses u JOIN flow_templates tpl ON tpl.id = u.template_id WHERE u.tenant_id = t.id;
    INSERT INTO flow_versions (tenant_id, environment, flow_id, version, name, steps, reason, created_by)
      SELECT f.tenant_id, f.environment, f.id, 1, f.name, f.steps, 'saved', f.created_by
      FROM flows f JOIN flow_template_uses u ON u.tenant_id = f.tenant_id AND u.flow_id = f.id AND u.environment = f.environment
      WHERE f.tenant_id = t.id;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;--> statement-breakpoint
ALTER TABLE "flows" ENABLE TRIGGER archived_tenant_read_only;--> statement-breakpoint
ALTER TABLE "flow_versions" ENABLE TRIGGER archived_tenant_read_only;--> statement-breakpoint
ALTER TABLE "flow_template_uses" ENABLE TRIGGER archived_tenant_read_only;--> statement-breakpoint
ALTER TABLE "flow_template_uses" ALTER COLUMN "flow_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "flow_template_uses" ALTER COLUMN "template_synced_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "flow_template_uses" ADD CONSTRAINT "flow_template_uses_flow_fk" FOREIGN KEY ("tenant_id","environment","flow_id") REFERENCES "public"."flows"("tenant_id","environment","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "flow_template_uses_flow" ON "flow_template_uses" USING btree ("tenant_id","environment","flow_id");
--> statement-breakpoint
-- A template-made flow's version made by a template change (lib/templates/template-flow-sync.ts).
ALTER TABLE "flow_versions" DROP CONSTRAINT "flow_versions_reason";--> statement-breakpoint
ALTER TABLE "flow_versions" ADD CONSTRAINT "flow_versions_reason" CHECK (reason in ('saved', 'restored', 'deployed', 'overwritten', 'template_updated'));
