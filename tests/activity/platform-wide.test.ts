// /admin/activity's data: superadmins only; every tenant whose entries the page shows gets a
// "superadmin.accessed" entry in its own log, in the same transaction as the read.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { NotSuperadminError, withPlatform, withSystem, withTenant } from "@/db/scopes";
import { activity } from "@/db/schema";
import { listPlatformWidePage, recordPlatformActivity } from "@/db/queries/platform-activity";
import type { ActivityKey } from "@/db/queries/activity";
import { parseActivitySearch } from "@/lib/activity/filters";
import { ADMIN_ACCESS_REASON, loadPlatformWideActivity } from "@/lib/activity/platform-wide";
import { createTenant, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { insertEntries, insertSeries } from "./support";

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: { id: string; email: string };
const marker = `mark-${uniqueSuffix()}`;

const accessEntries = (tenantId: string) =>
  withTenant({ tenantId, userId: null }, (tx) =>
    tx.select().from(activity).where(and(eq(activity.action, "superadmin.accessed"), eq(activity.actorUserId, root.id))),
  );

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
  await insertEntries(world.a.id, [{ at: "2026-07-01T10:00:00Z", action: "flow.created", summary: `${marker} in A` }]);
  await insertEntries(world.b.id, [{ at: "2026-07-02T10:00:00Z", action: "flow.created", summary: `${marker} in B` }]);
  await withSystem((tx) =>
    recordPlatformActivity(tx, {
      action: "tenant.license_changed",
      subjectTenantId: world.b.id,
      tenantName: "beta",
      summary: `${marker} license of B changed`,
      createdAt: new Date("2026-07-03T10:00:00Z"),
    }),
  );
});

describe("platform-wide activity", () => {
  it("refuses anyone who is not a superadmin", async () => {
    await expect(loadPlatformWideActivity(world.adminA.id, parseActivitySearch({}))).rejects.toBeInstanceOf(NotSuperadminError);
    expect(await accessEntries(world.a.id)).toEqual([]);
  });

  it("shows every tenant's entries and the platform log, and records the access in each tenant shown", async () => {
    const { page } = await loadPlatformWideActivity(root.id, parseActivitySearch({ q: marker }));
    expect(page.rows.map((r) => [r.log, r.summary, r.tenantName])).toEqual([
      ["platform", `${marker} license of B changed`, "beta"],
      ["tenant", `${marker} in B`, expect.stringMatching(/^beta /)],
      ["tenant", `${marker} in A`, expect.stringMatching(/^alpha /)],
    ]);
    for (const tenantId of [world.a.id, world.b.id]) {
      expect((await accessEntries(tenantId)).map((e) => e.summary)).toEqual([ADMIN_ACCESS_REASON]);
    }
  });

  it("filters by tenant (its log and the platform events about it) and by log", async () => {
    const before = (await accessEntries(world.a.id)).length;
    const onlyB = await loadPlatformWideActivity(root.id, parseActivitySearch({ q: marker, tenant: world.b.id }));
    expect(onlyB.page.rows.map((r) => r.summary)).toEqual([`${marker} license of B changed`, `${marker} in B`]);
    expect(await accessEntries(world.a.id)).toHaveLength(before);

    const platformOnly = await loadPlatformWideActivity(root.id, parseActivitySearch({ q: marker, log: "platform" }));
    expect(platformOnly.page.rows.map((r) => r.log)).toEqual(["platform"]);
    // The platform log is not a tenant's data: reading it records nothing in tenant A.
    expect(await accessEntries(world.a.id)).toHaveLength(before);
  });

  it("pages across both logs with one cursor, both ways", async () => {
    const pageOf = (key?: ActivityKey) =>
      withPlatform({ superadminId: root.id }, (tx) => listPlatformWidePage(tx, { actions: [], search: marker, log: "all" }, { key, limit: 1 }));
    const seen: string[] = [];
    let page = await pageOf();
    seen.push(page.rows[0]!.summary);
    while (page.older) {
      page = await pageOf(page.older);
      seen.push(...page.rows.map((r) => r.summary));
    }
    expect(seen).toEqual([`${marker} license of B changed`, `${marker} in B`, `${marker} in A`]);
    const back = await pageOf(page.newer!);
    expect(back.rows.map((r) => r.summary)).toEqual([`${marker} in B`]);
  });

  it("searches both logs by the beginning of words, in any case, like a tenant's own page", async () => {
    const typed = marker.slice(0, -1).toUpperCase();
    const search = (filters: Partial<Parameters<typeof listPlatformWidePage>[1]>) =>
      withPlatform({ superadminId: root.id }, async (tx) =>
        (await listPlatformWidePage(tx, { actions: [], search: typed, log: "all", ...filters }, { limit: 10 })).rows.map((r) => r.summary),
      );
    expect(await search({})).toEqual([`${marker} license of B changed`, `${marker} in B`, `${marker} in A`]);
    expect(await search({ tenantId: world.b.id, log: "tenant" })).toEqual([`${marker} in B`]);
    expect(await search({ search: `${typed} nowhere` })).toEqual([]);
  });

  it("searches every tenant the same way whether a tenant reads its word index or walks its log", async () => {
    // Tenant C holds the words often enough to walk its log; A and B read theirs from the word index.
    const c = await createTenant("gamma");
    await insertSeries(c.id, 600, { newest: "2026-06-30T00:00:00Z", action: "flow.run", summary: `${marker} common` });
    const suffix = marker.slice("mark-".length);
    const pageOf = (filters: Partial<Parameters<typeof listPlatformWidePage>[1]>, key?: ActivityKey) =>
      withPlatform({ superadminId: root.id }, (tx) => listPlatformWidePage(tx, { actions: [], log: "tenant", ...filters }, { key, limit: 4 }));
    const newest = [`${marker} in B`, `${marker} in A`, `${marker} common 0`, `${marker} common 1`];
    // One word (index entries alone), two words and an action (entries looked up).
    for (const filters of [{ search: suffix }, { search: `${suffix} MARK` }, { search: suffix, actions: ["flow.created", "flow.run"] }]) {
      const first = await pageOf(filters);
      expect(first.rows.map((r) => r.summary), JSON.stringify(filters)).toEqual(newest);
      const second = await pageOf(filters, first.older!);
      expect(second.rows.map((r) => r.summary), JSON.stringify(filters)).toEqual([2, 3, 4, 5].map((n) => `${marker} common ${n}`));
    }
    expect((await pageOf({ search: suffix, actions: ["flow.run"] })).rows.map((r) => r.summary)).toEqual([0, 1, 2, 3].map((n) => `${marker} common ${n}`));
  });
});
