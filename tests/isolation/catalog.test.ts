// The database's own catalog, checked: every tenant table is under forced row-level security with a
// policy, and the runtime role cannot slip past it.
import { describe, expect, it } from "vitest";
import {
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
        "data_table_rows",
        "data_tables",
        "flow_runs",
        "flow_versions",
        "flows",
        "ip_allow_lists",
        "package_flows",
        "packages",
        "memberships",
        "saml_configs",
        "saml_message_ids",
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

  it("leads the primary key of every tenant table with tenant_id", async () => {
    const keys = await tenantTablePrimaryKeyLeads();
    expect(keys.length).toBeGreaterThanOrEqual(7);
    expect(keys.map((key) => key.table)).toEqual(
      expect.arrayContaining(["api_keys", "connections", "credentials", "data_table_rows", "data_tables", "flow_versions", "ip_allow_lists", "package_flows", "packages", "saml_configs", "saml_message_ids", "tenant_group_members", "tenant_groups", "tenant_usage"]),
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
