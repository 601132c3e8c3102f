ALTER TABLE "tenants" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
-- Hand-written: the database's own wall for an archived tenant (issue 14, item 5). The write core
-- refuses every tenant action while tenants.archived_at is set (lib/actions/tenant-archive.ts); this
-- trigger refuses any write that reaches a tenant table of an archived tenant anyway, whoever makes it
-- (a forgotten code path, a direct runtime-role statement), with its own SQLSTATE (TA423) that the
-- app turns into the same message. Row by row on the row's own tenant_id, so it holds in every scope.
-- Deleting an archived tenant still works: the foreign-key cascade runs after the tenant row is gone,
-- so the lookup finds no archived tenant. Not guarded, on purpose: the logs (activity and its search
-- terms: archiving and restoring, superadmin views and refusals are recorded while archived), the
-- SAML replay cache (members still sign in to read), and the API's meters (keys are refused before
-- they are counted). tests/isolation/catalog.test.ts checks that every other tenant table has it.
CREATE FUNCTION refuse_write_to_archived_tenant() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM tenants WHERE id = target AND archived_at IS NOT NULL)
     OR (TG_OP = 'UPDATE' AND OLD.tenant_id IS DISTINCT FROM NEW.tenant_id
         AND EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id AND archived_at IS NOT NULL)) THEN
    RAISE EXCEPTION 'This tenant is archived' USING ERRCODE = 'TA423';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION refuse_write_to_archived_tenant() FROM PUBLIC;
--> statement-breakpoint
DO $$
DECLARE
  guarded text[] := ARRAY['api_keys', 'approved_domains', 'credentials', 'data_table_rows', 'data_tables', 'flow_runs',
    'flow_versions', 'flows', 'ip_allow_lists', 'member_invitations', 'memberships', 'package_flows', 'packages',
    'oidc_configs', 'saml_configs', 'tenant_group_flows', 'tenant_group_members', 'tenant_groups'];
  t text;
BEGIN
  FOREACH t IN ARRAY guarded LOOP
    EXECUTE format('CREATE TRIGGER archived_tenant_read_only BEFORE INSERT OR UPDATE OR DELETE ON %I
      FOR EACH ROW EXECUTE FUNCTION refuse_write_to_archived_tenant()', t);
  END LOOP;
END
$$;
