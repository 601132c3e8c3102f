// A member of tenant A, aiming the log's filters, cursor and choices at tenant B: nothing of B comes
// back, whether the query names B's ids in its filters or (bypassing the page) B's tenant id itself.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/scopes";
import { countActivityPerDay } from "@/db/queries/activity/chart";
import { listActivityFilterValues, listActivityPage } from "@/db/queries/activity/tenant-log";
import type { ActivityFilters } from "@/db/queries/activity/sql";
import { findActivityActor, searchActivityActors } from "@/db/queries/activity/actors";
import { decodeCursor, encodeCursor } from "@/lib/activity/cursor";
import { createTwoTenants } from "../support/fixtures";
import { insertEntries } from "./support";
import { claimingTenant } from "../support/forged-scope";

let world: Awaited<ReturnType<typeof createTwoTenants>>;
const asA = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId: world.a.id, userId: world.adminA.id }, work);
const NO_FILTER: ActivityFilters = { actions: [] };

beforeAll(async () => {
  world = await createTwoTenants();
  await insertEntries(world.a.id, [
    { at: "2026-06-01T08:00:00Z", action: "flow.created", actorUserId: world.adminA.id, summary: "A old", targetType: "flow", targetId: "a-flow" },
    { at: "2026-06-03T08:00:00Z", action: "flow.created", actorUserId: world.adminA.id, summary: "A new", targetType: "flow", targetId: "a-flow" },
  ]);
  await insertEntries(world.b.id, [
    { at: "2026-06-02T08:00:00Z", action: "b.only-action", actorUserId: world.adminB.id, summary: "B secret", targetType: "b-target", targetId: "b-flow" },
    { at: "2026-06-04T08:00:00Z", action: "flow.created", actorUserId: world.adminB.id, summary: "B newest secret", targetType: "flow", targetId: "b-flow" },
  ]);
});

describe("tenant A's log, aimed at tenant B", () => {
  it("filters on B's actor, target and action answer nothing", async () => {
    for (const filters of [
      { actorUserId: world.adminB.id },
      { targetType: "flow", targetId: "b-flow" },
      { targetType: "b-target" },
      { actions: ["b.only-action"] },
      { search: "secret" },
    ]) {
      const page = await asA((tx) => listActivityPage(tx, { ...NO_FILTER, ...filters }, { limit: 50 }));
      expect(page.rows).toEqual([]);
    }
  });

  it("a forged cursor made from B's entries pages through A's entries only", async () => {
    const [bNewest] = await withTenant({ tenantId: world.b.id, userId: null }, async (tx) => (await listActivityPage(tx, NO_FILTER, { limit: 1 })).rows);
    for (const direction of ["older", "newer"] as const) {
      const forged = decodeCursor(encodeCursor({ direction, createdAt: bNewest!.createdAt, id: bNewest!.id }));
      const page = await asA((tx) => listActivityPage(tx, NO_FILTER, { key: forged, limit: 50 }));
      expect(page.rows.map((r) => r.summary)).toEqual(["A new", "A old"]);
    }
  });

  it("even a query naming B's tenant id, run in A's scope, is stopped by row-level security", async () => {
    const [page, days, filterValues, actors, searched, chosen] = await asA(async (inA) => {
      const tx = claimingTenant(inA, world.b.id);
      return [
        await listActivityPage(tx, NO_FILTER, { limit: 50 }),
        await countActivityPerDay(tx, NO_FILTER, { fromDay: "2026-06-01", toDay: "2026-06-05" }),
        await listActivityFilterValues(tx),
        await searchActivityActors(tx, ""),
        await searchActivityActors(tx, world.adminB.email.slice(0, 5)),
        await findActivityActor(tx, world.adminB.id),
      ] as const;
    });
    expect(page.rows).toEqual([]);
    expect(days.every((d) => d.count === 0)).toBe(true);
    expect(filterValues).toEqual({ actions: [], targetTypes: [] });
    expect(actors).toEqual([]);
    expect(searched).toEqual([]);
    expect(chosen).toBeNull();
  });
});
