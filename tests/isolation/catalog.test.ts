// The database's own catalog, checked: every tenant table is under forced row-level security with a
// policy, and the runtime role cannot slip past it.
import { describe, expect, it } from "vitest";
import {
  archivedTenantGuardedTables,
  PLATFORM_ROLE,
  RUNTIME_ROLE,
  runtimeRoleAttributes,
  runtimeRoleProblemAfter,
  tenantTablePrimaryKeyLeads,
  tenantTableSecurity,
} from "@/db/catalog";
import { assertRuntimeRoleIsSafe } from "@/db/scopes";

describe("catalog", () => {
  it("puts every table with a tenant_id column under ENABLED and FORCED row-level security with a policy", async () => {
    const tables = await tenantTableSecurity();
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining([
        "activity",
        "api_keys",
        "approved_domains",
        "connections",
        "credentials",
        "dashboard_widgets",
        "dashboards",
        "data_table_rows",
        "data_tables",
        "flow_runs",
        "flow_template_uses",
        "flow_versions",
        "flows",
        "ip_allow_lists",
        "package_flows",
        "packages",
        "memberships",
        "oidc_configs",
        "oidc_sign_in_requests",
        "saml_configs",
        "saml_message_ids",
        "table_template_uses",
        "tenant_group_flows",
        "tenant_group_members",
        "tenant_groups",
        "tenant_usage",
      ]),
    );
    for (const table of tables) {
      expect(table, table.table).toMatchObject({ enabled: true, forced: true });
      expect(table.policies, table.table).toBeGreaterThanOrEqual(1);
    }
  });

  // An archived tenant is read-only (issue 14, item 5); the database refuses writes into it from every
  // tenant table but these, whose writes go on while it is archived (see migration tenant_archive).
  const WRITABLE_WHILE_ARCHIVED = [
    "activity", // its log: archiving and restoring, superadmin views, refusals
    "activity_terms", // the log's search terms, written with each entry
    "activity_day_counts", // the log's kept counts per day, written by the activity page's chart
    "data_table_row_words", // the rows' word index: read-only to the runtime role, written by data_table_rows' triggers behind that table's guard
    "api_rate_limits", // the API's limiter: a key of an archived tenant is refused before it is counted
    "platform_activity", // the platform's log (tenant_id names the subject tenant)
    "oidc_sign_in_requests", // an OpenID Connect sign-in's state: members still sign in, to read
    "saml_message_ids", // sign-in's replay cache: members still sign in, to read
    "tenant_usage", // the meters: nothing of an archived tenant is metered (keys and runs are refused first)
  ];

  it("guards every tenant table but the logs and meters with the archived-tenant trigger (a new table gets it too)", async () => {
    const tables = (await tenantTableSecurity()).map((t) => t.table);
    const guarded = await archivedTenantGuardedTables();
    expect(guarded).toEqual(expect.arrayContaining(["api_keys", "credentials", "dashboard_widgets", "dashboards", "data_table_rows", "flows", "flow_runs", "memberships"]));
    expect(tables.filter((table) => !guarded.includes(table) && !WRITABLE_WHILE_ARCHIVED.includes(table))).toEqual([]);
  });

  it("leads the primary key of every tenant table with tenant_id", async () => {
    const keys = await tenantTablePrimaryKeyLeads();
    expect(keys.length).toBeGreaterThanOrEqual(7);
    expect(keys.map((key) => key.table)).toEqual(
      expect.arrayContaining(["api_keys", "connections", "credentials", "dashboard_widgets", "dashboards", "data_table_rows", "data_tables", "flow_template_uses", "flow_versions", "ip_allow_lists", "package_flows", "oidc_configs", "oidc_sign_in_requests", "packages", "saml_configs", "saml_message_ids", "table_template_uses", "tenant_group_flows", "tenant_group_members", "tenant_groups", "tenant_usage"]),
    );
    for (const key of keys) expect(key.first_column, key.table).toBe("tenant_id");
  });

  it("gives the runtime role neither superuser nor BYPASSRLS nor table ownership", async () => {
    expect(await runtimeRoleAttributes()).toEqual({ rolsuper: false, rolbypassrls: false, ownedTables: [] });
    await expect(assertRuntimeRoleIsSafe()).resolves.toBeUndefined();
  });

  it("start-up check reports a runtime role that bypasses row-level security", async () => {
    expect(await runtimeRoleProblemAfter(`ALTER ROLE ${RUNTIME_ROLE} BYPASSRLS`)).toMatch(/has BYPASSRLS/);
  });

  it("start-up check reports a platform role (the superadmin console's) that bypasses row-level security", async () => {
    expect(await runtimeRoleProblemAfter(`ALTER ROLE ${PLATFORM_ROLE} BYPASSRLS`)).toMatch(/tenantry_platform has BYPASSRLS/);
  });

  it("start-up check reports a runtime role that is a superuser", async () => {
    expect(await runtimeRoleProblemAfter(`ALTER ROLE ${RUNTIME_ROLE} SUPERUSER`)).toMatch(/is a superuser/);
  });

  it("start-up check reports a runtime role that owns a table", async () => {
    expect(await runtimeRoleProblemAfter(`ALTER TABLE flows OWNER TO ${RUNTIME_ROLE}`)).toMatch(/owns tables \(flows\)/);
  });
});
