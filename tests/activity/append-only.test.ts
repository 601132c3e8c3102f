// The logs are append-only for the application: neither runtime role may change or delete an entry of
// a tenant's log (activity, and its search terms) or of the platform log, even inside its own scope.
// PostgreSQL refuses it (permission denied), whatever a query module might try.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withPlatform, withTenant, type Tx } from "@/db/scopes";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import { createTwoTenants, createUser, databaseErrorOf } from "../support/fixtures";
import { insertEntries } from "./support";

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let superadmin: { id: string; email: string };

beforeAll(async () => {
  world = await createTwoTenants();
  superadmin = await createUser("root", { isSuperadmin: true });
  await insertEntries(world.a.id, [{ at: "2026-01-10T10:00:00Z", summary: "kept as written" }]);
  await withPlatform({ superadminId: superadmin.id }, (tx) =>
    recordPlatformActivity(tx, { actorUserId: superadmin.id, actorEmail: superadmin.email, action: "tenant.license_changed", summary: "kept as written" }),
  );
});

const inTenantA = (work: (tx: Tx) => Promise<unknown>) => withTenant({ tenantId: world.a.id, userId: world.adminA.id }, work);
const asPlatform = (work: (tx: Tx) => Promise<unknown>) => withPlatform({ superadminId: superadmin.id }, work);

describe.each([
  ["the tenant's scope (tenantry_app)", inTenantA],
  ["the superadmin console (tenantry_platform)", asPlatform],
])("in %s", (_, scope) => {
  it.each([
    ["update activity", sql`update activity set summary = 'rewritten'`],
    ["delete from activity", sql`delete from activity`],
    ["update activity_terms", sql`update activity_terms set term = 'x'`],
    ["delete from activity_terms", sql`delete from activity_terms`],
    ["update platform_activity", sql`update platform_activity set summary = 'rewritten'`],
    ["delete from platform_activity", sql`delete from platform_activity`],
  ])("%s is refused", async (_statement, statement) => {
    expect(await databaseErrorOf(scope((tx) => tx.execute(statement)))).toMatch(/permission denied/);
  });
});

it("the entries are still there, as written", async () => {
  const tenantEntries = await inTenantA((tx) => tx.execute(sql`select summary from activity where tenant_id = ${world.a.id}`));
  expect(JSON.stringify(tenantEntries)).toContain("kept as written");
  const platformEntries = await asPlatform((tx) => tx.execute(sql`select count(*)::int as n from platform_activity where summary = 'kept as written'`));
  expect(JSON.stringify(platformEntries)).toMatch(/"n":[1-9]/);
});
