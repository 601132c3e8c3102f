-- Issue 15: a member may be in custom groups only (no built-in Viewer / Editor / Admin). The rule that
-- replaces memberships_has_a_role, "in at least one group, built-in (memberships.roles) or custom
-- (tenant_group_members)", spans two tables, so no CHECK can hold it: a constraint trigger, deferred to
-- commit, checks every membership a transaction touched once both tables are written (changing roles
-- and groups in either order, or removing the membership with its groups, never trips it midway). The
-- write core refuses the same thing first, under the tenant lock, with a message next to the field
-- (members page, group page, group deletion); this is the backstop for any other path.
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_has_a_role";
--> statement-breakpoint
-- SECURITY DEFINER: the check sees the member's rows whatever scope the transaction runs in (a user
-- scope at sign-in, a tenant scope in actions), like refuse_write_to_archived_tenant.
CREATE FUNCTION refuse_member_in_no_group() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  target_tenant uuid := CASE WHEN TG_TABLE_NAME = 'memberships' THEN NEW.tenant_id ELSE OLD.tenant_id END;
  target_user uuid := CASE WHEN TG_TABLE_NAME = 'memberships' THEN NEW.user_id ELSE OLD.user_id END;
BEGIN
  IF EXISTS (
    SELECT 1 FROM memberships m
    WHERE m.tenant_id = target_tenant AND m.user_id = target_user AND cardinality(m.roles) = 0
      AND NOT EXISTS (SELECT 1 FROM tenant_group_members gm WHERE gm.tenant_id = target_tenant AND gm.user_id = target_user)
  ) THEN
    RAISE EXCEPTION 'A member must be in at least one group (a built-in role or a custom group)'
      USING ERRCODE = '23514', CONSTRAINT = 'memberships_in_a_group';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION refuse_member_in_no_group() FROM PUBLIC;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER memberships_in_a_group AFTER INSERT OR UPDATE OF roles ON memberships
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_member_in_no_group();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER memberships_in_a_group AFTER DELETE OR UPDATE ON tenant_group_members
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_member_in_no_group();
