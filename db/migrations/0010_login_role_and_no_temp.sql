-- Hand-written: the role the app logs in as, and no temporary tables for anyone at run time.
--
-- tenantry_login can do nothing by itself: NOINHERIT, so it holds none of its roles' grants until it
-- switches to one, and it is a member only of the two runtime roles (never of the table owner). A
-- connection that escapes its role (SET ROLE NONE, RESET ROLE after a role=... start-up option) lands
-- on a role that reads and writes nothing, and cannot SET ROLE to the owner. Production connects the
-- app with it (README); migrations keep running as the owner through MIGRATION_DATABASE_URL.
-- Roles are cluster-wide, so it is created idempotently (several databases on one server share it).
-- It is created without a password: the operator gives it one (ALTER ROLE ... PASSWORD) or another
-- authentication method in pg_hba.conf.
DO $$
BEGIN
  CREATE ROLE tenantry_login LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
--> statement-breakpoint
GRANT tenantry_app, tenantry_platform TO tenantry_login;
--> statement-breakpoint
-- Temporary tables are private to a session and can shadow public tables on the search path
-- (pg_temp comes first unless listed); the app never needs them. PUBLIC held TEMP by default.
DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC, tenantry_app, tenantry_platform, tenantry_login', current_database());
END
$$;
