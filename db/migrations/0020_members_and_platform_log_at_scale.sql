-- Hand-edited (issue 11): the members table sorted by name or email, and its totals under a status
-- or role filter, at 20,000 members without reading them all.
--
-- Why copies: name and email live on users (global), so ORDER BY name joined every member of the
-- tenant to users and sorted them all. A copy on the membership row lets a per-tenant index hand out
-- one page in order. The copy is the simplest design that meets the target (a cached sort key would
-- still need the join; a materialized view would be a second tenant table to secure and refresh):
-- - member_name holds only what the tenant may already see: the name of a member who is not Invited
--   (null while Invited, as the page shows it), and member_email the address the tenant typed or sees.
-- - It is never written by the application: a BEFORE trigger on memberships (invoker's rights) sets
--   both from users on every insert and update, so whatever a statement puts there is overwritten.
-- - users' AFTER UPDATE trigger pushes a new name or address to every membership of that account, in
--   every tenant: the only cross-tenant write, so it runs as the table owner (SECURITY DEFINER, fixed
--   search_path) and still under row-level security: the owner is subject to FORCE ROW LEVEL
--   SECURITY, so it finds the account's tenants through own_memberships (app.self_user_id) and updates
--   each one with app.tenant_id set to it. The function's SET clauses put both settings back when it
--   returns, so the calling transaction stays in its own scope. It writes nothing but the copies,
--   which the BEFORE trigger recomputes from users.
--
-- Why a tally: a status or role filter's total counted every match (17,600 for Active). Members by
-- (status, roles) are a handful of counts per tenant, kept on the tenant row beside member_count (a
-- global table: the trigger also runs for cascades from deleting a user, which touch many tenants)
-- and summed by the application for any combination of the two filters (db/queries/member-tally.ts).
-- Status is compared as text throughout: 'invited' was added to the enum in 0014, and a fresh database
-- runs every migration in one transaction, where PostgreSQL refuses a new enum value before it is committed.
ALTER TABLE "tenants" ADD COLUMN "member_tally" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "member_name" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "member_email" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE FUNCTION membership_copy_account() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
  account record;
BEGIN
  SELECT u.name, u.email INTO account FROM public.users u WHERE u.id = NEW.user_id;
  -- No such account: leave the row to the foreign key, which refuses it with its own error.
  IF FOUND THEN
    NEW.member_name := CASE WHEN NEW.status::text = 'invited' THEN NULL ELSE account.name END;
    NEW.member_email := account.email;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_copy_account BEFORE INSERT OR UPDATE ON memberships
  FOR EACH ROW EXECUTE FUNCTION membership_copy_account();
--> statement-breakpoint
CREATE FUNCTION users_copy_to_memberships() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public
  SET app.tenant_id = ''
  SET app.self_user_id = ''
AS $$
DECLARE
  tenant_ids uuid[];
  tenant uuid;
BEGIN
  PERFORM set_config('app.self_user_id', NEW.id::text, true);
  SELECT array_agg(m.tenant_id) INTO tenant_ids FROM public.memberships m WHERE m.user_id = NEW.id;
  PERFORM set_config('app.self_user_id', '', true);
  FOREACH tenant IN ARRAY coalesce(tenant_ids, '{}') LOOP
    PERFORM set_config('app.tenant_id', tenant::text, true);
    -- Any update will do: memberships_copy_account sets the copies from users.
    UPDATE public.memberships SET member_email = NEW.email WHERE tenant_id = tenant AND user_id = NEW.id;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION users_copy_to_memberships() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER users_copy_to_memberships AFTER UPDATE OF name, email ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION users_copy_to_memberships();
--> statement-breakpoint
-- A membership's tally key: '<status>:<roles, sorted, comma-separated>', e.g. 'active:editor,viewer'.
CREATE FUNCTION member_tally_key(status membership_status, roles member_role[]) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT status::text || ':' || array_to_string(ARRAY(SELECT r::text FROM unnest(roles) AS r ORDER BY 1), ',') $$;
--> statement-breakpoint
-- tally + delta, key by key; keys whose count falls to zero are dropped.
CREATE FUNCTION member_tally_add(tally jsonb, delta jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(jsonb_object_agg(key, n), '{}'::jsonb) FROM (
    SELECT key, sum(value::bigint) AS n FROM (SELECT * FROM jsonb_each_text(tally) UNION ALL SELECT * FROM jsonb_each_text(delta)) AS e
    GROUP BY key HAVING sum(value::bigint) <> 0) AS s $$;
--> statement-breakpoint
-- One UPDATE per tenant per statement, like member_count's triggers (0005); a statement that changes no
-- status or roles (the copies above) leaves the tenant row alone.
CREATE FUNCTION tenant_member_tally_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added jsonb := '[]';
  removed jsonb := '[]';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(jsonb_agg(jsonb_build_array(tenant_id, key, n)), '[]') INTO added
    FROM (SELECT tenant_id, member_tally_key(status, roles) AS key, count(*) AS n FROM new_rows GROUP BY 1, 2) AS c;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(jsonb_agg(jsonb_build_array(tenant_id, key, -n)), '[]') INTO removed
    FROM (SELECT tenant_id, member_tally_key(status, roles) AS key, count(*) AS n FROM old_rows GROUP BY 1, 2) AS c;
  END IF;
  UPDATE tenants t SET member_tally = member_tally_add(t.member_tally, d.delta)
  FROM (
    SELECT tenant_id, jsonb_object_agg(key, n) AS delta FROM (
      SELECT (e->>0)::uuid AS tenant_id, e->>1 AS key, sum((e->>2)::bigint) AS n
      FROM jsonb_array_elements(added || removed) AS e GROUP BY 1, 2 HAVING sum((e->>2)::bigint) <> 0
    ) AS c GROUP BY tenant_id
  ) AS d
  WHERE t.id = d.tenant_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_tally_insert AFTER INSERT ON memberships
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_tally_after_change();
--> statement-breakpoint
CREATE TRIGGER memberships_tally_update AFTER UPDATE ON memberships
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_tally_after_change();
--> statement-breakpoint
CREATE TRIGGER memberships_tally_delete AFTER DELETE ON memberships
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_member_tally_after_change();
--> statement-breakpoint
-- Backfill, one tenant at a time (FORCE ROW LEVEL SECURITY applies to a non-superuser owner too). The
-- triggers above already exist and hold off other writes to memberships until this migration commits.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    UPDATE memberships SET member_email = '' WHERE tenant_id = t.id;
    UPDATE tenants SET member_tally = (
      SELECT coalesce(jsonb_object_agg(key, n), '{}'::jsonb)
      FROM (SELECT member_tally_key(status, roles) AS key, count(*) AS n FROM memberships m WHERE m.tenant_id = t.id GROUP BY 1) AS c
    ) WHERE id = t.id;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
--> statement-breakpoint
CREATE INDEX "memberships_tenant_name" ON "memberships" USING btree ("tenant_id","member_name","member_email");--> statement-breakpoint
CREATE INDEX "memberships_tenant_email" ON "memberships" USING btree ("tenant_id","member_email");
--> statement-breakpoint
-- The superadmin's log (issue 11): the platform log by tenant, and its search (see db/schema/platform-activity.ts).
CREATE INDEX "platform_activity_tenant_time" ON "platform_activity" USING btree ("subject_tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "platform_activity_summary_trgm" ON "platform_activity" USING gin (lower("summary") gin_trgm_ops);--> statement-breakpoint
-- Statistics on lower(summary) now, so the planner tells a common word (walk the time index) from a
-- rare one (this index) before autovacuum gets to it.
ANALYZE platform_activity;
