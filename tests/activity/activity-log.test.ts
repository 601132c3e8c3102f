// The tenant log's query: filters, UTC days, keyset paging (including rows that share a timestamp),
// the chart's buckets and the filter choices, checked against hand-placed entries.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/scopes";
import { countActivityPerDay, resolveChartRange } from "@/db/queries/activity/chart";
import { listActivityFilterValues, listActivityPage } from "@/db/queries/activity/tenant-log";
import type { ActivityFilters } from "@/db/queries/activity/sql";
import type { ActivityKey } from "@/db/queries/activity/keyset";
import { decodeCursor, encodeCursor } from "@/lib/activity/cursor";
import { parseActivitySearch, toActivityFilters } from "@/lib/activity/filters";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { insertEntries } from "./support";

let tenant: { id: string };
let alice: { id: string; email: string };
let bob: { id: string; email: string };
const NO_FILTER: ActivityFilters = { actions: [] };

const page = (filters: Partial<ActivityFilters> = {}, key?: ActivityKey, limit = 100) =>
  withTenant({ tenantId: tenant.id, userId: null }, (tx) => listActivityPage(tx, { ...NO_FILTER, ...filters }, { key, limit }));
const summaries = async (filters: Partial<ActivityFilters>) => (await page(filters)).rows.map((row) => row.summary);

beforeAll(async () => {
  tenant = await createTenant("log");
  [alice, bob] = [await createUser("alice"), await createUser("bob")];
  await addMember(tenant.id, alice.id, ["admin"]);
  await addMember(tenant.id, bob.id, ["viewer"]);
  await insertEntries(tenant.id, [
    { at: "2026-03-01T00:00:00.000Z", summary: "first second of March 1", action: "member.added", actorUserId: alice.id, targetType: "membership", targetId: "m-1" },
    { at: "2026-02-28T23:59:59.999Z", summary: "last moment of February 28", action: "member.removed", actorUserId: bob.id, targetType: "membership", targetId: "m-1" },
    { at: "2026-03-03T23:59:59.999Z", summary: "late on March 3", action: "flow.created", actorUserId: alice.id, targetType: "flow", targetId: "f-9" },
    { at: "2026-03-04T00:00:00.000Z", summary: "Discount of 50% applied", action: "flow.run", actorUserId: bob.id, targetType: "flow", targetId: "f-9" },
    { at: "2026-03-05T12:00:00.000Z", summary: "Discount of 500 applied", action: "flow.run", actorUserId: null },
  ]);
});

describe("filters", () => {
  it("lists newest first, with every column the table shows", async () => {
    const { rows } = await page();
    expect(rows.map((r) => r.summary)).toEqual([
      "Discount of 500 applied",
      "Discount of 50% applied",
      "late on March 3",
      "first second of March 1",
      "last moment of February 28",
    ]);
    expect(rows[1]).toMatchObject({ action: "flow.run", actorUserId: bob.id, targetType: "flow", targetId: "f-9", createdAt: "2026-03-04T00:00:00.000000Z" });
  });

  it("filters by actor, by several actions at once and by target", async () => {
    expect(await summaries({ actorUserId: alice.id })).toEqual(["late on March 3", "first second of March 1"]);
    expect(await summaries({ actions: ["member.added", "member.removed"] })).toEqual(["first second of March 1", "last moment of February 28"]);
    expect(await summaries({ targetType: "flow", targetId: "f-9" })).toEqual(["Discount of 50% applied", "late on March 3"]);
    expect(await summaries({ targetType: "membership" })).toHaveLength(2);
    expect(await summaries({ actorUserId: bob.id, actions: ["flow.run"] })).toEqual(["Discount of 50% applied"]);
  });

  it("reads From and To as whole UTC days, both included", async () => {
    expect(await summaries({ fromDay: "2026-03-01", toDay: "2026-03-03" })).toEqual(["late on March 3", "first second of March 1"]);
    expect(await summaries({ toDay: "2026-02-28" })).toEqual(["last moment of February 28"]);
    expect(await summaries({ fromDay: "2026-03-04" })).toEqual(["Discount of 500 applied", "Discount of 50% applied"]);
    expect(await summaries({ fromDay: "2026-03-05", toDay: "2026-03-01" })).toEqual([]);
  });

  it("searches the summary's words by their beginning, in any case, punctuation separating words", async () => {
    expect(await summaries({ search: "discount" })).toHaveLength(2);
    expect(await summaries({ search: "DISC appl" })).toHaveLength(2);
    expect(await summaries({ search: "count" })).toEqual([]);
    // "50%" is the word "50": the start of "50" and of "500".
    expect(await summaries({ search: "50%" })).toEqual(["Discount of 500 applied", "Discount of 50% applied"]);
    expect(await summaries({ search: "500" })).toEqual(["Discount of 500 applied"]);
    expect(await summaries({ search: "March_" })).toEqual(["late on March 3", "first second of March 1"]);
  });

  it("parses the URL with whitelists: malformed values are dropped, never passed on", () => {
    const search = parseActivitySearch({
      actor: "not-a-uuid",
      action: ["member.added", "DROP TABLE activity;", "member.added", "flow.run"],
      targetId: "f-9",
      from: "2026-02-30",
      to: "2026-03-03",
      q: "  hello  ",
      size: "1000",
    });
    expect(toActivityFilters(search)).toEqual({
      actorUserId: undefined,
      actions: ["member.added", "flow.run"],
      targetType: undefined,
      targetId: undefined, // a target id without its type is ignored
      fromDay: undefined,
      toDay: "2026-03-03",
      search: "hello",
    });
    expect(search.size).toBe(50);
    const url = new URLSearchParams("action=a.b&action=c.d&targetType=flow&targetId=x&size=25");
    expect(parseActivitySearch(url)).toMatchObject({ action: ["a.b", "c.d"], targetType: "flow", targetId: "x", size: 25 });
  });
});

describe("keyset paging", () => {
  let crowded: { id: string };
  const crowdedPage = (key: ActivityKey | undefined, limit: number) =>
    withTenant({ tenantId: crowded.id, userId: null }, (tx) => listActivityPage(tx, NO_FILTER, { key, limit }));

  beforeAll(async () => {
    crowded = await createTenant("crowded");
    // Entries written in one transaction share created_at; the id breaks the tie.
    await insertEntries(crowded.id, [
      ...Array.from({ length: 7 }, (_, i) => ({ at: "2026-05-01T10:00:00.000Z", summary: `same instant ${i}` })),
      ...Array.from({ length: 4 }, (_, i) => ({ at: `2026-05-0${2 + i}T10:00:00.000Z`, summary: `later ${i}` })),
      { at: "2026-04-30T10:00:00.000Z", summary: "oldest" },
    ]);
  });

  it("walks every entry exactly once through Older, then back through Newer", async () => {
    const everything = (await crowdedPage(undefined, 100)).rows.map((r) => r.id);
    expect(everything).toHaveLength(12);

    const pages: string[][] = [];
    let current = await crowdedPage(undefined, 5);
    expect(current.newer).toBeNull();
    pages.push(current.rows.map((r) => r.id));
    while (current.older) {
      // Through the URL form, as the page does.
      current = await crowdedPage(decodeCursor(encodeCursor(current.older)), 5);
      pages.push(current.rows.map((r) => r.id));
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(pages.flat()).toEqual(everything);

    // Back from the last page: Newer gives the middle page, then the first (full) page.
    expect(current.newer).not.toBeNull();
    const middle = await crowdedPage(current.newer!, 5);
    expect(middle.rows.map((r) => r.id)).toEqual(pages[1]);
    const first = await crowdedPage(middle.newer!, 5);
    expect(first.rows.map((r) => r.id)).toEqual(pages[0]);
    expect(first.newer).toBeNull();
  });

  it("treats a malformed cursor as no cursor", () => {
    for (const bad of ["", "%%%", "bm90IGpzb24", Buffer.from('{"d":"older","t":"2026-02-30T00:00:00.000000Z","i":"00000000-0000-4000-8000-000000000000"}').toString("base64url"), Buffer.from('{"d":"sideways","t":"2026-01-01T00:00:00.000000Z","i":"00000000-0000-4000-8000-000000000000"}').toString("base64url"), "x".repeat(5000)]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });
});

describe("chart", () => {
  it("counts entries per UTC day, with the empty days, under the same filters", async () => {
    const days = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      countActivityPerDay(tx, NO_FILTER, { fromDay: "2026-02-27", toDay: "2026-03-05" }),
    );
    expect(days).toEqual([
      { day: "2026-02-27", count: 0 },
      { day: "2026-02-28", count: 1 },
      { day: "2026-03-01", count: 1 },
      { day: "2026-03-02", count: 0 },
      { day: "2026-03-03", count: 1 },
      { day: "2026-03-04", count: 1 },
      { day: "2026-03-05", count: 1 },
    ]);
    const flowRuns = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      countActivityPerDay(tx, { actions: ["flow.run"] }, { fromDay: "2026-03-04", toDay: "2026-03-05" }),
    );
    expect(flowRuns.map((d) => d.count)).toEqual([1, 1]);
  });

  it("covers From..To, else the 30 days up to To or today, and never more than the latest 366 days", async () => {
    const range = (filters: Partial<ActivityFilters>) =>
      withTenant({ tenantId: tenant.id, userId: null }, (tx) => resolveChartRange(tx, filters, { defaultDays: 30, maxDays: 366 }));
    expect(await range({ fromDay: "2026-03-01", toDay: "2026-03-05" })).toEqual({ fromDay: "2026-03-01", toDay: "2026-03-05", clipped: false });
    expect(await range({ toDay: "2026-03-05" })).toEqual({ fromDay: "2026-02-04", toDay: "2026-03-05", clipped: false });
    expect(await range({ fromDay: "2020-01-01", toDay: "2026-03-05" })).toEqual({ fromDay: "2025-03-05", toDay: "2026-03-05", clipped: true });
    const today = new Date().toISOString().slice(0, 10);
    expect((await range({})).toDay).toBe(today);
  });
});

describe("filter choices", () => {
  it("lists the distinct actions and target types of the tenant only", async () => {
    const other = await createTenant("other-log");
    await insertEntries(other.id, [{ at: "2026-03-01T00:00:00Z", action: "secret.other-tenant", targetType: "secret-thing" }]);
    const { actions, targetTypes } = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => listActivityFilterValues(tx));
    expect(actions).toEqual(["flow.created", "flow.run", "member.added", "member.removed"]);
    expect(targetTypes).toEqual(["flow", "membership"]);
  });
});
