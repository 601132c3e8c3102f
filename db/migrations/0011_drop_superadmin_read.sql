-- Hand-written (issue 10, item 9): superadmins no longer read tenants' activity without a trace.
-- The superadmin_read policies (0005, 0008, scoped to tenantry_platform in 0009) let the console read
-- every tenant's log and its word index with nothing written anywhere. Without them, a withPlatform
-- transaction sees a tenant's activity only once it has entered that tenant (withPlatform's
-- enterTenant sets app.tenant_id and, in the same transaction, writes "superadmin.accessed" into the
-- tenant's log), through the same tenant_isolation policy as the tenant's own pages. PostgreSQL itself
-- refuses the unrecorded cross-tenant read. tenantry_platform keeps its grants (it is a member of
-- tenantry_app) and is left with tenant_isolation alone.
DROP POLICY IF EXISTS superadmin_read ON activity;
--> statement-breakpoint
DROP POLICY IF EXISTS superadmin_read ON activity_terms;
