-- The caller's membership in the tenant with a slug, as every tenant page view reads it first
-- (db/queries/tenants.ts findMembershipBySlug), in a PL/pgSQL function so that PostgreSQL keeps its
-- plan. Under row-level security the statement expands into about sixty subplans (five group
-- subqueries and six tables, each with its policies), and planning it took 2 to 6 ms of every page
-- view's database time, against 0.3 ms to run it. A function's statements are planned once per
-- server connection and the plan kept across transactions (a generic plan: plan_cache_mode below), which
-- holds behind a transaction-pooling PgBouncer too, unlike a protocol-level prepared statement (which
-- PgBouncer 1.18 cannot follow from one server connection to the next).
--
-- SECURITY INVOKER (the default): the statement runs as the caller's role, under the same policies
-- as before (the user scope: own memberships, own groups). A plan built for one role is not reused
-- for another (PostgreSQL re-plans when the role that row-level security was applied for changes).
-- Roles and status come as text (an enum array would reach the drivers unparsed).
-- tests/tenants/caller-membership.test.ts holds it to the group helpers of db/queries/groups.ts.
CREATE FUNCTION caller_membership(p_user_id uuid, p_slug text, p_flow_scoped_permissions text[])
  RETURNS TABLE (
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
  SELECT t.id, t.slug, t.name, t.magic_link_enabled, t.license, t.two_factor_required, t.two_factor_roles, t.archived_at,
    m.id, m.roles::text[],
    -- What the member's groups grant tenant-wide: a group narrowed to some flows gives its flow
    -- permissions to those flows only (the next column).
    coalesce((SELECT array_agg(DISTINCT p.permission ORDER BY p.permission)
      FROM tenant_group_members gm
      JOIN tenant_groups g ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id
      CROSS JOIN LATERAL unnest(g.permissions) AS p(permission)
      WHERE gm.tenant_id = m.tenant_id AND gm.user_id = m.user_id
        AND NOT (g.flows_scoped AND p.permission = ANY (p_flow_scoped_permissions))), '{}'::text[]),
    coalesce((SELECT array_agg(DISTINCT p.permission ORDER BY p.permission)
      FROM tenant_group_members gm
      JOIN tenant_groups g ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id
      CROSS JOIN LATERAL unnest(g.permissions) AS p(permission)
      WHERE gm.tenant_id = m.tenant_id AND gm.user_id = m.user_id
        AND g.flows_scoped AND p.permission = ANY (p_flow_scoped_permissions)), '{}'::text[]),
    EXISTS (SELECT 1 FROM tenant_group_members gm
      JOIN tenant_groups g ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id
      WHERE gm.tenant_id = m.tenant_id AND gm.user_id = m.user_id AND g.two_factor_required),
    EXISTS (SELECT 1 FROM tenant_group_members gm WHERE gm.tenant_id = m.tenant_id AND gm.user_id = m.user_id),
    coalesce((SELECT array_agg(g.name ORDER BY lower(g.name), g.id)
      FROM tenant_group_members gm
      JOIN tenant_groups g ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id
      WHERE gm.tenant_id = m.tenant_id AND gm.user_id = m.user_id), '{}'::text[]),
    t.viewers_see_dashboards_only,
    -- A tenant has SAML or OIDC set up, never both (db/schema/oidc.ts): whichever row there is.
    coalesce(s.require_sso, o.require_sso),
    coalesce(s.break_glass_user_id, o.break_glass_user_id),
    m.status::text
  FROM memberships m
  JOIN tenants t ON t.id = m.tenant_id
  LEFT JOIN saml_configs s ON s.tenant_id = m.tenant_id
  LEFT JOIN oidc_configs o ON o.tenant_id = m.tenant_id
  WHERE m.user_id = p_user_id AND t.slug = p_slug
  LIMIT 1;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION caller_membership(uuid, text, text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION caller_membership(uuid, text, text[]) TO tenantry_app;
