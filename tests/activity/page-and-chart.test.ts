// The activity page's entries and chart (db/queries/activity/page-and-chart.ts): without a search
// they are read side by side (on PostgreSQL, both statements in one socket write); with a search,
// whose statements may carry planner settings, one after the other. Either way they are what the two
// reads give alone.
import { beforeEach, describe, expect, it } from "vitest";
import { withTenant, type TenantTx } from "@/db/scopes";
import { countActivityPerDay } from "@/db/queries/activity/chart";
import { readActivityPageAndChart } from "@/db/queries/activity/page-and-chart";
import { planSearch } from "@/db/queries/activity/search";
import { listActivityPage } from "@/db/queries/activity/tenant-log";
import type { ActivityFilters } from "@/db/queries/activity/sql";
import { createTwoTenants } from "../support/fixtures";
import { socketWritesDuring } from "../support/socket-writes";
import { insertSeries } from "./support";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const RANGE = { fromDay: "2026-03-01", toDay: "2026-03-03" };
const PAGE_STATEMENT = '"activity"."id"';
const CHART_STATEMENT = "generate_series";

let a: { id: string };

beforeEach(async () => {
  const tenants = await createTwoTenants();
  a = tenants.a;
  await insertSeries(a.id, 30, { newest: "2026-03-02T12:00:00Z", summary: "nightly import" });
  // Entries of the other tenant at the same times: in neither read.
  await insertSeries(tenants.b.id, 30, { newest: "2026-03-02T12:00:00Z", summary: "nightly import" });
});

const inA = <T,>(work: (tx: TenantTx) => Promise<T>) => withTenant({ tenantId: a.id, userId: null }, work);

async function bothWays(filters: ActivityFilters) {
  return inA(async (tx) => {
    const plan = await planSearch(tx, filters.search);
    const options = { limit: 10, plan, range: RANGE };
    const alone = { page: await listActivityPage(tx, filters, options), days: await countActivityPerDay(tx, filters, RANGE, plan) };
    let together: Awaited<ReturnType<typeof readActivityPageAndChart>> | undefined;
    const writes = onPostgres ? await socketWritesDuring(tx, async () => (together = await readActivityPageAndChart(tx, filters, options))) : [];
    together ??= await readActivityPageAndChart(tx, filters, options);
    return { plan, alone, together, writes };
  });
}

describe("the activity page's entries and chart", () => {
  it("are read side by side without a search, and are what each read gives alone", async () => {
    const { plan, alone, together, writes } = await bothWays({ actions: [] });
    expect(plan.kind).toBe("none");
    expect(together).toEqual(alone);
    expect(together.page.rows).toHaveLength(10);
    expect(together.days.reduce((sum, day) => sum + day.count, 0)).toBe(30);
    if (onPostgres) {
      expect(writes[0]).toContain(PAGE_STATEMENT);
      expect(writes[0]).toContain(CHART_STATEMENT);
    }
  });

  it("are read one after the other with a search, and are what each read gives alone", async () => {
    const { plan, alone, together, writes } = await bothWays({ actions: [], search: "nightly" });
    expect(["walk", "terms"]).toContain(plan.kind);
    expect(together).toEqual(alone);
    expect(together.days.reduce((sum, day) => sum + day.count, 0)).toBe(30);
    if (onPostgres) {
      const pageWrite = writes.findIndex((write) => write.includes(PAGE_STATEMENT));
      const chartWrite = writes.findIndex((write) => write.includes(CHART_STATEMENT));
      expect(pageWrite).toBeGreaterThanOrEqual(0);
      expect(chartWrite).toBeGreaterThan(pageWrite);
    }
  });
});
