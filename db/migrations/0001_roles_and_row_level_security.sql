-- Hand-written: the runtime role, its grants, and row-level security on every tenant table.
-- drizzle-kit does not generate FORCE ROW LEVEL SECURITY, and the role is cluster-wide, so it is
-- created idempotently (several databases on one server share it: CI, tests).

DO $$
BEGIN
  CREATE ROLE tenantry_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tenantry_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tenantry_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tenantry_app;
--> statement-breakpoint
-- The activity log is append-only for the application. Deleting a tenant still removes its entries:
-- the foreign-key cascade runs with the table owner's rights.
REVOKE UPDATE, DELETE ON activity FROM tenantry_app;
--> statement-breakpoint

-- Tenant tables: a row is visible and writable only while app.tenant_id (set per transaction by
-- withTenant, with bound parameters) equals its tenant_id. No tenant set = no rows.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON memberships
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
-- withUser: a signed-in user reads their own memberships across tenants (the tenant switcher),
-- and nothing else of those tenants. Read-only.
CREATE POLICY own_memberships ON memberships FOR SELECT
  USING (user_id = (SELECT nullif(current_setting('app.self_user_id', true), '')::uuid));
--> statement-breakpoint

ALTER TABLE approved_domains ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE approved_domains FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON approved_domains
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint

ALTER TABLE flows ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE flows FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON flows
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint

ALTER TABLE flow_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE flow_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON flow_runs
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint

ALTER TABLE activity ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE activity FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON activity
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
