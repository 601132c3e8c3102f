// Attack: code running in one of the app's transactions tries to leave the runtime role. The app
// logs in as tenantry_login (migration 0010), so every way out lands on a role that row-level
// security still holds, or that reads nothing at all. Before 0010 the suite (and any deployment
// following the README) logged in as the tables' owner, and `SET ROLE NONE` handed back the owner.
// `SET ROLE NONE`, not RESET ROLE: the pool's role=tenantry_app start-up option makes RESET land
// back on tenantry_app.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { tableOwner } from "@/db/catalog";
import { withSystem, withTenant } from "@/db/scopes";
import { createTwoTenants, databaseErrorOf } from "../support/fixtures";

// PGlite has no logins: its one session is a superuser by necessity (db/client.ts), so the escape
// tests below apply to PostgreSQL only; TEMP is revoked on both.
const onPostgres = !process.env.DATABASE_URL?.startsWith("pglite:");

/** Runs `statements` in a transaction of the app (as withSystem opens it) and returns the last result's rows. */
function inAppTransaction(...statements: string[]) {
  return withSystem(async (tx) => {
    let result: unknown;
    for (const statement of statements) result = await tx.execute(sql.raw(statement));
    // Both drivers (pg and PGlite) answer a raw statement with { rows }.
    return (result as { rows: Record<string, unknown>[] }).rows;
  });
}

describe.skipIf(!onPostgres)("the login role the app connects as", () => {
  it("is tenantry_login: NOINHERIT, no superuser or BYPASSRLS, a member of the two runtime roles only", async () => {
    const [login] = await inAppTransaction(`
      select session_user::text as login, r.rolinherit as inherit, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
        (select array_agg(m.rolname::text order by m.rolname) from pg_auth_members a join pg_roles m on m.oid = a.roleid
          where a.member = r.oid) as member_of
      from pg_roles r where r.rolname = session_user`);
    expect(login).toEqual({ login: "tenantry_login", inherit: false, superuser: false, bypass_rls: false, member_of: ["tenantry_app", "tenantry_platform"] });
  });

  it("SET ROLE NONE lands on a role that can read no table", async () => {
    for (const table of ["tenants", "memberships", "activity", "users", "sessions"]) {
      expect(await databaseErrorOf(inAppTransaction("set local role none", `select count(*) from ${table}`))).toMatch(
        new RegExp(`permission denied for table ${table}`),
      );
    }
  });

  it("cannot SET ROLE to the tables' owner", async () => {
    const owner = await tableOwner();
    expect(await databaseErrorOf(inAppTransaction(`set local role "${owner}"`, "select count(*) from tenants"))).toMatch(
      /permission denied to set role/,
    );
  });

  it("cannot turn row-level security off under any role it can reach", async () => {
    const { a, b } = await createTwoTenants();
    for (const role of ["none", "tenantry_app", "tenantry_platform"]) {
      const refusal = await databaseErrorOf(
        withTenant({ tenantId: a.id, userId: null }, async (tx) => {
          await tx.execute(sql.raw(`set local role ${role}`));
          await tx.execute(sql`set local row_security = off`);
          return tx.execute(sql`select count(*) from memberships where tenant_id = ${b.id}`);
        }),
      );
      expect(refusal, role).toMatch(/permission denied for table memberships|would be affected by row-level security policy/);
    }
  });

  it("cannot create a temporary table under any role it can reach", async () => {
    for (const role of ["none", "tenantry_app", "tenantry_platform"]) {
      expect(await databaseErrorOf(inAppTransaction(`set local role ${role}`, "create temporary table shadow (id int)")), role).toMatch(
        /permission denied to create temporary tables/,
      );
    }
  });
});

describe("temporary tables", () => {
  it("are refused to the runtime role", async () => {
    expect(await databaseErrorOf(inAppTransaction("create temporary table shadow (id int)"))).toMatch(/permission denied to create temporary tables/);
  });
});
