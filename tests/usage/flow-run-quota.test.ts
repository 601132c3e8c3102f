// The rolling 30-day flow-run quota, through the run action: runs past it are refused with a message
// that says when the next run is possible, nothing is recorded for a refused run (no run, no entry, no
// count), only the last 30 days count, one tenant's runs spend nothing of another's, and parallel runs
// cannot overshoot the quota.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flowRuns, flows, tenantUsage, tenants } from "@/db/schema";
import { quotaFreesOn } from "@/lib/usage/flow-run-quota";
import { createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { runFlow } = await import("@/app/t/[slug]/flows/actions");

let world: Awaited<ReturnType<typeof createTwoTenants>>;

const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);

async function seedFlow(tenantId: string) {
  const [row] = await inTenant(tenantId, (tx) => tx.insert(flows).values({ tenantId, name: `flow ${uniqueSuffix()}`, steps: ["validate"] }).returning());
  return row!;
}

const setQuota = (tenantId: string, flowRunsPer30Days: number | null) =>
  withSystem((tx) => tx.update(tenants).set({ flowRunsPer30Days }).where(eq(tenants.id, tenantId)));

/** A day's recorded runs `daysAgo` days before today (UTC, by the database's clock). */
const recordPastRuns = (tenantId: string, daysAgo: number, flowRunsCount: number) =>
  inTenant(tenantId, (tx) =>
    tx.insert(tenantUsage).values({ tenantId, day: sql`(now() at time zone 'utc')::date - ${daysAgo}::int`, flowRuns: flowRunsCount }),
  );

const dayBefore = async (daysAgo: number) => {
  const rows = await withSystem((tx) => tx.execute(sql`select to_char((now() at time zone 'utc')::date - ${daysAgo}::int, 'YYYY-MM-DD') as day`));
  return (rows as unknown as { rows: { day: string }[] }).rows[0]!.day;
};

const runsToday = async (tenantId: string) => {
  const [row] = await inTenant(tenantId, (tx) =>
    tx
      .select({ flowRuns: tenantUsage.flowRuns })
      .from(tenantUsage)
      .where(and(eq(tenantUsage.tenantId, tenantId), eq(tenantUsage.day, sql`(now() at time zone 'utc')::date`))),
  );
  return row?.flowRuns ?? 0;
};

const recorded = async (tenantId: string, flowId: string) => ({
  runs: (await inTenant(tenantId, (tx) => tx.select().from(flowRuns).where(and(eq(flowRuns.tenantId, tenantId), eq(flowRuns.flowId, flowId))))).length,
  entries: (
    await inTenant(tenantId, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.targetId, flowId))))
  ).length,
});

beforeAll(async () => {
  world = await createTwoTenants();
  signInAs(world.adminA);
});

describe("the 30-day flow-run quota", () => {
  it("refuses the run past the quota with a clear message, recording nothing for it", async () => {
    const tenantWorld = await createTwoTenants();
    signInAs(tenantWorld.adminA);
    await setQuota(tenantWorld.a.id, 2);
    const flow = await seedFlow(tenantWorld.a.id);
    for (let run = 0; run < 2; run++) expect(await runFlow(tenantWorld.a.slug, null, { flowId: flow.id })).toMatchObject({ ok: true });
    const refused = await runFlow(tenantWorld.a.slug, null, { flowId: flow.id });
    const in30Days = await dayBefore(-30);
    expect(refused).toEqual({
      ok: false,
      code: "RATE_LIMITED",
      message: `This tenant has used its flow runs for the last 30 days (2 of 2). The next run is possible on ${in30Days} (UTC), or ask a superadmin to raise the quota.`,
      fieldErrors: undefined,
    });
    expect(await recorded(tenantWorld.a.id, flow.id)).toEqual({ runs: 2, entries: 2 });
    expect(await runsToday(tenantWorld.a.id)).toBe(2);
    signInAs(world.adminA);
  });

  it("counts today and the 29 days before, not the 30th; says when the oldest counted runs leave the window", async () => {
    const { a, adminA } = await createTwoTenants();
    signInAs(adminA);
    const flow = await seedFlow(a.id);
    await setQuota(a.id, 3);
    await recordPastRuns(a.id, 30, 50);
    await recordPastRuns(a.id, 29, 2);
    await recordPastRuns(a.id, 3, 1);
    const refused = await runFlow(a.slug, null, { flowId: flow.id });
    expect(refused).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    // Used 3 of 3: once the 2 runs of 29 days ago leave (tomorrow), 1 is used.
    expect(refused.ok ? "" : refused.message).toContain(`(3 of 3). The next run is possible on ${await dayBefore(-1)} (UTC)`);
    await setQuota(a.id, 4);
    expect(await runFlow(a.slug, null, { flowId: flow.id })).toMatchObject({ ok: true });
    expect(await runsToday(a.id)).toBe(1);
    signInAs(world.adminA);
  });

  it("a quota of 0 switches runs off; no quota (null) lets every run through and still counts it", async () => {
    const flow = await seedFlow(world.a.id);
    await setQuota(world.a.id, 0);
    expect(await runFlow(world.a.slug, null, { flowId: flow.id })).toMatchObject({
      ok: false,
      code: "RATE_LIMITED",
      message: "Flow runs are switched off for this tenant (its 30-day quota is 0). Ask a superadmin to raise it.",
    });
    await setQuota(world.a.id, null);
    const before = await runsToday(world.a.id);
    expect(await runFlow(world.a.slug, null, { flowId: flow.id })).toMatchObject({ ok: true });
    expect(await runsToday(world.a.id)).toBe(before + 1);
  });

  it("one tenant's runs spend nothing of another's quota", async () => {
    await setQuota(world.a.id, 1);
    await setQuota(world.b.id, 1);
    await recordPastRuns(world.b.id, 1, 1);
    const flowA = await seedFlow(world.a.id);
    const before = await runsToday(world.a.id);
    await setQuota(world.a.id, before + 1);
    expect(await runFlow(world.a.slug, null, { flowId: flowA.id })).toMatchObject({ ok: true });
    signInAs(world.adminB);
    const flowB = await seedFlow(world.b.id);
    expect(await runFlow(world.b.slug, null, { flowId: flowB.id })).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await runsToday(world.b.id)).toBe(0);
    signInAs(world.adminA);
  });

  it("10 parallel runs against a quota with 3 left: exactly 3 run", async () => {
    const { a, adminA } = await createTwoTenants();
    signInAs(adminA);
    await setQuota(a.id, 3);
    const flow = await seedFlow(a.id);
    const results = await Promise.all(Array.from({ length: 10 }, () => runFlow(a.slug, null, { flowId: flow.id })));
    expect(results.filter((result) => result.ok)).toHaveLength(3);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.code)).toEqual(Array(7).fill("RATE_LIMITED"));
    expect(await recorded(a.id, flow.id)).toEqual({ runs: 3, entries: 3 });
    expect(await runsToday(a.id)).toBe(3);
    signInAs(world.adminA);
  });
});

describe("quotaFreesOn", () => {
  const days = [
    { day: "2026-11-05", flowRuns: 2 },
    { day: "2026-11-20", flowRuns: 5 },
    { day: "2026-12-03", flowRuns: 1 },
  ];
  it("is the day the oldest runs that must go have left the 30-day window", () => {
    expect(quotaFreesOn(days, 8)).toBe("2026-12-05");
    expect(quotaFreesOn(days, 7)).toBe("2026-12-05");
    expect(quotaFreesOn(days, 6)).toBe("2026-12-20");
    expect(quotaFreesOn(days, 5)).toBe("2026-12-20");
    expect(quotaFreesOn(days, 1)).toBe("2027-01-02");
  });
});
