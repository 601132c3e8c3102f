-- Hand-written: everything a tenant page view reads of its caller before the page's own data, in one
-- statement (lib/actor.ts, db/queries/caller-page.ts): the account's flags (users), the switcher's
-- tenants (own active memberships, by name), the membership in the tenant of the slug
-- (caller_membership, migration 0048) and, for an active member, that tenant's IP allow-lists. These
-- were four statements: four round trips, three of them planned afresh on every view. A PL/pgSQL
-- function keeps its plans across transactions (generic plans, as in 0048), behind PgBouncer too.
--
-- SECURITY INVOKER (the default): it runs as the caller's role in the user scope, under the same
-- policies as the four statements did (own memberships, own groups, own tenants' lists: a user id
-- other than the scope's finds no membership, no tenant and no list). Always one row: a caller who
-- is no member of the slug's tenant gets null membership columns, and an account that does not
-- exist false flags.
-- tests/tenants/caller-page.test.ts holds it to those four reads.
CREATE FUNCTION caller_page(p_user_id uuid, p_slug text, p_flow_scoped_permissions text[])
  RETURNS TABLE (
    can_create_tenants boolean,
    is_superadmin boolean,
    switcher jsonb,
    ip_allow_lists jsonb,
    tenant_id uuid,
    slug text,
    name text,
    magic_link_enabled boolean,
    license text,
    two_factor_required text,
    two_factor_roles text[],
    archived_at timestamptz,
    membership_id uuid,
    roles text[],
    group_permissions text[],
    flow_scoped_permissions text[],
    in_two_factor_group boolean,
    in_custom_group boolean,
    custom_group_names text[],
    viewers_see_dashboards_only boolean,
    require_sso boolean,
    break_glass_user_id uuid,
    status text
  )
  LANGUAGE plpgsql STABLE
  SET search_path = public, pg_temp
  SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN QUERY
  SELECT coalesce(u.can_create_tenants, false), coalesce(u.is_superadmin, false),
    -- The switcher, as db/queries/tenants.ts listTenantsOfUser orders it.
    (SELECT coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'archived', t.archived_at IS NOT NULL)
        ORDER BY t.name, t.slug), '[]'::jsonb)
      FROM memberships sm JOIN tenants t ON t.id = sm.tenant_id
      WHERE sm.user_id = p_user_id AND sm.status = 'active'),
    -- Only an active member's page view is held to the lists (a visiting superadmin's is not).
    (SELECT coalesce(jsonb_object_agg(l.kind, l.cidrs), '{}'::jsonb)
      FROM ip_allow_lists l WHERE l.tenant_id = cm.tenant_id AND cm.status = 'active'),
    cm.tenant_id, cm.slug, cm.name, cm.magic_link_enabled, cm.license, cm.two_factor_required, cm.two_factor_roles,
    cm.archived_at, cm.membership_id, cm.roles, cm.group_permissions, cm.flow_scoped_permissions, cm.in_two_factor_group,
    cm.in_custom_group, cm.custom_group_names, cm.viewers_see_dashboards_only, cm.require_sso, cm.break_glass_user_id, cm.status
  FROM (SELECT p_user_id AS id) AS caller
  LEFT JOIN users u ON u.id = caller.id
  LEFT JOIN LATERAL caller_membership(p_user_id, p_slug, p_flow_scoped_permissions) AS cm ON true;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION caller_page(uuid, text, text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION caller_page(uuid, text, text[]) TO tenantry_app;
