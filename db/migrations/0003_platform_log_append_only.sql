-- The platform log, like tenant logs, is append-only for the application.
REVOKE UPDATE, DELETE ON platform_activity FROM tenantry_app;
