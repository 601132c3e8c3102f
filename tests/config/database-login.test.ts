// Attack: the app is deployed logging in as a superuser (or a BYPASSRLS user, or a member of the
// tables' owner). Every query still switches to tenantry_app, but any code that runs `SET ROLE NONE`
// or `SET ROLE <owner>` would leave row-level security behind. The start-up check refuses such a
// login unless ALLOW_PRIVILEGED_DATABASE_LOGIN=1 says so.
import { afterAll, describe, expect, it } from "vitest";
import { executeAsOwner, tableOwner } from "@/db/catalog";
import { closeDatabase } from "@/db/lifecycle";
import { assertDatabaseLoginIsSafe } from "@/lib/startup-checks";
import { uniqueSuffix } from "../support/fixtures";

// PGlite is exempt (nobody logs in to it; db/client.ts switches its superuser session to the runtime role).
const onPostgres = !process.env.DATABASE_URL?.startsWith("pglite:");
const suiteUrl = process.env.DATABASE_URL!;
const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? "";

/** Runs the start-up check as `user` (on this suite's database), then returns to the suite's own login. */
function checkLoggedInAs(user: string, env: Record<string, string | undefined> = {}): Promise<void> {
  const url = new URL(user === "owner" ? ownerUrl : suiteUrl);
  if (user !== "owner") url.username = user;
  return checkConnectedTo(url.toString(), env);
}

/** Runs the start-up check connected to `databaseUrl`, then returns to the suite's own database. */
async function checkConnectedTo(databaseUrl: string, env: Record<string, string | undefined> = {}): Promise<void> {
  await closeDatabase();
  process.env.DATABASE_URL = databaseUrl;
  try {
    await assertDatabaseLoginIsSafe(env);
  } finally {
    await closeDatabase();
    process.env.DATABASE_URL = suiteUrl;
  }
}

describe.skipIf(!onPostgres)("start-up check of the database login", () => {
  const bypassLogin = `tenantry_test_bypass_${uniqueSuffix()}`;
  const ownerMemberLogin = `tenantry_test_owner_member_${uniqueSuffix()}`;
  afterAll(async () => {
    await executeAsOwner(`drop role if exists ${bypassLogin}`, `drop role if exists ${ownerMemberLogin}`);
  });

  it("accepts tenantry_login, the role the migrations create", async () => {
    await expect(checkLoggedInAs("tenantry_login")).resolves.toBeUndefined();
  });

  it("refuses a superuser login, naming the setting that would allow it", async () => {
    await expect(checkLoggedInAs("owner")).rejects.toThrow(/is a superuser.*ALLOW_PRIVILEGED_DATABASE_LOGIN=1/);
  });

  it("refuses a BYPASSRLS login and a login that can SET ROLE to the tables' owner", async () => {
    const owner = await tableOwner();
    await executeAsOwner(
      `create role ${bypassLogin} login bypassrls`,
      `grant tenantry_app, tenantry_platform to ${bypassLogin}`,
      `create role ${ownerMemberLogin} login noinherit`,
      `grant tenantry_app, tenantry_platform, "${owner}" to ${ownerMemberLogin}`,
    );
    await expect(checkLoggedInAs(bypassLogin)).rejects.toThrow(new RegExp(`database login ${bypassLogin} has BYPASSRLS`));
    await expect(checkLoggedInAs(ownerMemberLogin)).rejects.toThrow(new RegExp(`can SET ROLE to ${owner}, which .*owns tables`));
  });

  it("lets a privileged login through only with ALLOW_PRIVILEGED_DATABASE_LOGIN=1", async () => {
    await expect(checkLoggedInAs("owner", { ALLOW_PRIVILEGED_DATABASE_LOGIN: "1" })).resolves.toBeUndefined();
    await expect(checkLoggedInAs("owner", { ALLOW_PRIVILEGED_DATABASE_LOGIN: "true" })).rejects.toThrow(/is a superuser/);
  });
});

describe("start-up check on the embedded database", () => {
  it("exempts PGlite, whose only session is a superuser switched to the runtime role", async () => {
    if (!onPostgres) return expect(assertDatabaseLoginIsSafe({})).resolves.toBeUndefined();
    // On a PostgreSQL run, an in-memory PGlite for the moment (starting it takes 5-25 s on 2 busy cores).
    await expect(checkConnectedTo("pglite:memory")).resolves.toBeUndefined();
  }, 120_000);
});
