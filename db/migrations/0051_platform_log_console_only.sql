-- Hand-written: the platform log (tenants created, renamed and deleted, licenses, superadmin flags,
-- accounts' own changes: with tenant names, addresses and IPs across every tenant) is read by the
-- superadmin console only (db/queries/activity/platform-log.ts, in withPlatform). Every scope appends
-- to it in the transaction of the change it records, but until now every scope could also read all of
-- it: a tenant's transaction could read other tenants' names and their admins' addresses and IPs.
-- Now only the console's role reads it. By privilege, not by row-level security: the table stays
-- without policies, so the console's word search keeps its trigram index condition (a non-leakproof
-- test cannot be one under row-level security; see db/schema/platform-activity.ts).
-- tests/isolation/platform-log-readers.test.ts.
REVOKE SELECT ON platform_activity FROM tenantry_app;--> statement-breakpoint
GRANT SELECT ON platform_activity TO tenantry_platform;
