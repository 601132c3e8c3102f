-- Hand-written: per-tenant counters kept by triggers, and the superadmin's cross-tenant read of the
-- activity log.

-- tenants.member_count and tenants.flow_count follow every insert and delete on memberships and
-- flows (including cascades), one UPDATE per tenant per statement. The UPDATE takes the tenant row's
-- lock, which is also the lock that limit checks (flow cap, member limit) hold while they count.
CREATE FUNCTION tenant_member_count_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenants t SET member_count = t.member_count + n.count
  FROM (SELECT tenant_id, count(*) AS count FROM inserted GROUP BY tenant_id) n WHERE t.id = n.tenant_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tenant_member_count_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenants t SET member_count = t.member_count - n.count
  FROM (SELECT tenant_id, count(*) AS count FROM deleted GROUP BY tenant_id) n WHERE t.id = n.tenant_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tenant_flow_count_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenants t SET flow_count = t.flow_count + n.count
  FROM (SELECT tenant_id, count(*) AS count FROM inserted GROUP BY tenant_id) n WHERE t.id = n.tenant_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tenant_flow_count_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenants t SET flow_count = t.flow_count - n.count
  FROM (SELECT tenant_id, count(*) AS count FROM deleted GROUP BY tenant_id) n WHERE t.id = n.tenant_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_count_insert AFTER INSERT ON memberships
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_count_after_insert();
--> statement-breakpoint
CREATE TRIGGER memberships_count_delete AFTER DELETE ON memberships
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_count_after_delete();
--> statement-breakpoint
CREATE TRIGGER flows_count_insert AFTER INSERT ON flows
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION tenant_flow_count_after_insert();
--> statement-breakpoint
CREATE TRIGGER flows_count_delete AFTER DELETE ON flows
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION tenant_flow_count_after_delete();
--> statement-breakpoint
-- Backfill, one tenant at a time: FORCE ROW LEVEL SECURITY applies to a non-superuser owner too.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    UPDATE tenants SET
      member_count = (SELECT count(*) FROM memberships m WHERE m.tenant_id = t.id),
      flow_count = (SELECT count(*) FROM flows f WHERE f.tenant_id = t.id)
    WHERE id = t.id;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
--> statement-breakpoint
-- Superadmins read every tenant's activity (the /admin/activity page). app.platform_user_id is set
-- only by withPlatform, and the policy still requires it to name a user who is a superadmin now.
-- Read-only: a superadmin writes into a tenant's log only after entering it (withPlatform.enterTenant).
CREATE POLICY superadmin_read ON activity FOR SELECT
  USING ((SELECT u.is_superadmin FROM users u
    WHERE u.id = nullif(current_setting('app.platform_user_id', true), '')::uuid) IS TRUE);
