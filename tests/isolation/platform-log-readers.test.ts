// Who may read the platform log (migration 0051). It holds every tenant's platform events: tenants
// created, renamed and deleted, licenses, accounts' own changes, with tenant names, addresses and
// IPs. Every scope appends to it in the transaction of the change it records; only the superadmin
// console's role reads it. Attacks: a tenant's, a user's, the system's, the mail worker's and an API
// key lookup's transactions each try to read another tenant's entry, by the query builder and by raw SQL.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import { platformActivity } from "@/db/schema";
import { withApiKeyLookup, withMailDelivery, withPlatform, withSystem, withTenant, withUser, type Tx } from "@/db/scopes";
import { createTwoTenants, createUser, databaseErrorOf, uniqueSuffix } from "../support/fixtures";
import { platformLogWhere } from "../support/platform-log";

/** An entry about tenant B, as B's tenant actions write one (B's name, its admin's address and IP). */
async function entryAboutB() {
  const world = await createTwoTenants();
  const summary = `Renamed ${world.b.name} ${uniqueSuffix()}`;
  await withTenant({ tenantId: world.b.id, userId: world.adminB.id }, (tx) =>
    recordPlatformActivity(tx, {
      actorUserId: world.adminB.id,
      actorEmail: world.adminB.email,
      action: "tenant.settings_updated",
      subjectTenantId: world.b.id,
      tenantName: world.b.name,
      summary,
      ip: "203.0.113.9",
    }),
  );
  return { world, summary };
}

const readByBuilder = (tx: Tx, summary: string) => tx.select().from(platformActivity).where(eq(platformActivity.summary, summary));
const readBySql = (tx: Tx) => tx.execute(sql`select summary, actor_email, ip from platform_activity`);

describe("the platform log", () => {
  it("is refused to every scope but the console's, by the query builder and by raw SQL", async () => {
    const { world, summary } = await entryAboutB();
    const scopes: [string, <T>(work: (tx: Tx) => Promise<T>) => Promise<T>][] = [
      ["tenant A's admin in tenant A", (work) => withTenant({ tenantId: world.a.id, userId: world.adminA.id }, work)],
      ["tenant B itself", (work) => withTenant({ tenantId: world.b.id, userId: world.adminB.id }, work)],
      ["tenant A's admin as a user", (work) => withUser({ userId: world.adminA.id }, work)],
      ["the system scope", (work) => withSystem(work)],
      ["the mail worker", (work) => withMailDelivery(work)],
      ["an API key lookup", (work) => withApiKeyLookup("0".repeat(64), work)],
    ];
    for (const [who, scope] of scopes) {
      expect(await databaseErrorOf(scope((tx) => readByBuilder(tx, summary))), who).toMatch(/permission denied for table platform_activity/);
      expect(await databaseErrorOf(scope(readBySql)), who).toMatch(/permission denied for table platform_activity/);
    }
    // The console reads it, before and after entering a tenant (the role stays the console's).
    const root = await createUser("log-root", { isSuperadmin: true });
    expect((await platformLogWhere(eq(platformActivity.summary, summary), { as: root.id })).map((entry) => entry.ip)).toEqual(["203.0.113.9"]);
    const afterEntering = await withPlatform({ superadminId: root.id }, async (tx, platform) => {
      await platform.enterTenant(world.a.id, "test: read the platform log from inside a tenant");
      return readByBuilder(tx, summary);
    });
    expect(afterEntering).toHaveLength(1);
  });

  it("still takes entries from every scope that records one, and lets none of them change or delete it", async () => {
    const { world } = await entryAboutB();
    const summary = (who: string) => `appended by ${who} ${uniqueSuffix()}`;
    const appended = [summary("a tenant"), summary("a user"), summary("the system")];
    const entry = (text: string) => ({ action: "test.appended", summary: text });
    await withTenant({ tenantId: world.a.id, userId: world.adminA.id }, (tx) => recordPlatformActivity(tx, entry(appended[0]!)));
    await withUser({ userId: world.adminA.id }, (tx) => recordPlatformActivity(tx, entry(appended[1]!)));
    await withSystem((tx) => recordPlatformActivity(tx, entry(appended[2]!)));
    const read = await platformLogWhere(eq(platformActivity.action, "test.appended"));
    expect(read.map((e) => e.summary)).toEqual(expect.arrayContaining(appended));
    // Append-only (migration 0003), for the console too.
    const root = await createUser("log-root-2", { isSuperadmin: true });
    expect(
      await databaseErrorOf(withPlatform({ superadminId: root.id }, (tx) => tx.delete(platformActivity).where(eq(platformActivity.summary, appended[0]!)))),
    ).toMatch(/permission denied/);
    expect(
      await databaseErrorOf(withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.update(platformActivity).set({ summary: "rewritten" }))),
    ).toMatch(/permission denied/);
  });
});
