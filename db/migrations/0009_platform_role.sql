-- Hand-written: a second runtime role for the superadmin console, so the superadmin_read policies
-- are attached only to the transactions that can use them.
--
-- Row-level security ORs every permissive policy that applies to the current role. While
-- superadmin_read applied to everyone, every tenant query on activity and activity_terms also planned
-- its users lookup and tested "tenant matches OR caller is a superadmin" on each row. Scoped to
-- tenantry_platform (which withPlatform switches to), a tenant's transaction is left with
-- tenant_isolation alone; the superadmin check inside the policy stays as a second guard.
--
-- tenantry_platform inherits tenantry_app's grants (member of it, INHERIT) and, like it, is never a
-- superuser, never BYPASSRLS and owns nothing; the start-up check verifies both roles.
DO $$
BEGIN
  CREATE ROLE tenantry_platform NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
--> statement-breakpoint
GRANT tenantry_app TO tenantry_platform;
--> statement-breakpoint
ALTER POLICY superadmin_read ON activity TO tenantry_platform;
--> statement-breakpoint
ALTER POLICY superadmin_read ON activity_terms TO tenantry_platform;
