// The unfiltered chart keeps the count of each finished day (activity_day_counts) instead of counting
// the day's entries on every view: kept only once no entry can still arrive for it, forgotten when
// one is dated into it anyway, and a tenant's kept days are its own (row-level security).
import { beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { executeAsOwner } from "@/db/catalog";
import { withTenant } from "@/db/scopes";
import { activityDayCounts } from "@/db/schema";
import { countActivityPerDay, resolveChartRange } from "@/db/queries/activity/chart";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import type { ActivityFilters } from "@/db/queries/activity/sql";
import { createTwoTenants, databaseErrorOf } from "../support/fixtures";
import { claimingTenant } from "../support/forged-scope";
import { insertEntries } from "./support";

const NO_FILTER: ActivityFilters = { actions: [] };
const MARCH = { fromDay: "2026-03-01", toDay: "2026-03-03" };
const MARCH_DAYS = ["2026-03-01", "2026-03-02", "2026-03-03"];

let a: { id: string };
let b: { id: string };

beforeEach(async () => {
  ({ a, b } = await createTwoTenants());
  await insertEntries(a.id, [
    { at: "2026-03-01T00:00:00Z", action: "flow.run" },
    { at: "2026-03-01T23:59:59.999Z" },
    { at: "2026-03-02T12:00:00Z" },
  ]);
});

const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);
const chart = (tenantId: string, range: { fromDay: string; toDay: string }, filters: ActivityFilters = NO_FILTER) =>
  inTenant(tenantId, (tx) => countActivityPerDay(tx, filters, range));
const keptDays = (tenantId: string) =>
  inTenant(tenantId, async (tx) =>
    (await tx.select({ day: activityDayCounts.day, entries: activityDayCounts.entries }).from(activityDayCounts).orderBy(activityDayCounts.day)),
  );
/** Overwrites a kept count behind the app's back (the app cannot update one), to see which number the chart shows. */
const tamper = (tenantId: string, day: string, entries: number) =>
  executeAsOwner(`update activity_day_counts set entries = ${entries} where tenant_id = '${tenantId}' and day = '${day}'`);

describe("the unfiltered chart's kept days", () => {
  it("counts finished days once, keeps them, and reads the kept counts on the next view", async () => {
    expect(await chart(a.id, MARCH)).toEqual([
      { day: "2026-03-01", count: 2 },
      { day: "2026-03-02", count: 1 },
      { day: "2026-03-03", count: 0 },
    ]);
    expect(await keptDays(a.id)).toEqual([
      { day: "2026-03-01", entries: 2 },
      { day: "2026-03-02", entries: 1 },
      { day: "2026-03-03", entries: 0 },
    ]);
    await tamper(a.id, "2026-03-02", 41);
    expect((await chart(a.id, MARCH)).map((d) => d.count)).toEqual([2, 41, 0]);
  });

  it("never keeps yesterday or today: their entries may still be arriving", async () => {
    const { fromDay: yesterday, toDay: today } = await inTenant(a.id, (tx) => resolveChartRange(tx, {}, { defaultDays: 2, maxDays: 2 }));
    await inTenant(a.id, (tx) => recordActivity(tx, { actorUserId: null, actorEmail: null, action: "test.now", summary: "now" }));
    expect(await chart(a.id, { fromDay: yesterday, toDay: today })).toEqual([
      { day: yesterday, count: 0 },
      { day: today, count: 1 },
    ]);
    expect(await keptDays(a.id)).toEqual([]);
  });

  it("an entry dated into a kept day forgets that day's count (and only that day's), so the next view counts it", async () => {
    await chart(a.id, MARCH);
    await insertEntries(a.id, [{ at: "2026-03-01T08:00:00Z" }]);
    expect(await keptDays(a.id)).toEqual([
      { day: "2026-03-02", entries: 1 },
      { day: "2026-03-03", entries: 0 },
    ]);
    expect((await chart(a.id, MARCH)).map((d) => d.count)).toEqual([3, 1, 0]);
    expect((await keptDays(a.id))[0]).toEqual({ day: "2026-03-01", entries: 3 });
  });

  it("a filtered or searched chart counts the entries themselves and keeps nothing", async () => {
    await chart(a.id, MARCH);
    await tamper(a.id, "2026-03-01", 41);
    expect((await chart(a.id, MARCH, { actions: ["flow.run"] })).map((d) => d.count)).toEqual([1, 0, 0]);
    expect((await chart(a.id, MARCH, { ...NO_FILTER, search: "event" })).map((d) => d.count)).toEqual([2, 1, 0]);
    expect((await chart(a.id, { fromDay: "2026-04-01", toDay: "2026-04-02" }, { actions: ["flow.run"] })).map((d) => d.count)).toEqual([0, 0]);
    expect((await keptDays(a.id)).map((d) => d.day)).toEqual(MARCH_DAYS);
  });
});

describe("row-level security on activity_day_counts", () => {
  it("attack: tenant B's scope sees none of A's kept days, cannot forge or change one, and its chart is its own", async () => {
    await chart(a.id, MARCH);
    expect(await keptDays(b.id)).toEqual([]);
    const forged = inTenant(b.id, (tx) => tx.insert(activityDayCounts).values({ tenantId: a.id, day: "2026-03-04", entries: 1000 }));
    expect(await databaseErrorOf(forged)).toMatch(/row-level security/);
    const updated = inTenant(b.id, (tx) => tx.execute(sql`update activity_day_counts set entries = 0 where tenant_id = ${a.id}`));
    expect(await databaseErrorOf(updated)).toMatch(/permission denied/);
    await inTenant(b.id, (tx) => tx.execute(sql`delete from activity_day_counts where tenant_id = ${a.id}`));
    expect((await keptDays(a.id)).map((d) => d.day)).toEqual(MARCH_DAYS);
    // B's chart of the same days: B's (empty) log, kept as B's own.
    expect((await chart(b.id, MARCH)).map((d) => d.count)).toEqual([0, 0, 0]);
    expect((await keptDays(b.id)).map((d) => d.entries)).toEqual([0, 0, 0]);
    expect((await keptDays(a.id)).map((d) => d.entries)).toEqual([2, 1, 0]);
  });

  it("a chart in B's scope claiming A's tenant id counts nothing and keeps nothing (and does not fail on the policy)", async () => {
    const forged = await inTenant(b.id, (tx) => countActivityPerDay(claimingTenant(tx, a.id), NO_FILTER, MARCH));
    expect(forged.map((d) => d.count)).toEqual([0, 0, 0]);
    expect(await keptDays(a.id)).toEqual([]);
    expect(await keptDays(b.id)).toEqual([]);
  });
});
