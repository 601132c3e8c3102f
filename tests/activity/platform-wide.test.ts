// /admin/activity's data: superadmins only; one tenant's log at a time, read only after entering that
// tenant, which writes "superadmin.accessed" (with the viewed address) into its own log in the same
// transaction. Attacks from issue 10 (item 9): log=platform with a tenant chosen, a search matching
// nothing, and the Action filter's options each used to read a tenant's log without a trace.
// There is no longer a view of every tenant's log at once (a product decision): without a tenant,
// only the platform log is read.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { NotSuperadminError, withPlatform, withSystem, withTenant, type PlatformTx, type TenantTx } from "@/db/scopes";
import { activity } from "@/db/schema";
import { listPlatformWidePage, recordPlatformActivity } from "@/db/queries/activity/platform-log";
import type { ActivityKey } from "@/db/queries/activity/keyset";
import { ACTION_FILTER_OPTIONS } from "@/lib/activity/action-names";
import { parseActivitySearch } from "@/lib/activity/filters";
import { ADMIN_ACCESS_REASON, readPlatformWideActivity } from "@/lib/activity/platform-wide";
import { createTenant, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { insertEntries, insertSeries } from "./support";

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: { id: string; email: string };
const marker = `mark-${uniqueSuffix()}`;
// An action name only tenant B's log holds: offering it would tell a superadmin what B does.
const secretAction = `secret.b_only_${uniqueSuffix()}`;

const accessEntries = (tenantId: string) =>
  withTenant({ tenantId, userId: null }, (tx) =>
    tx.select().from(activity).where(and(eq(activity.action, "superadmin.accessed"), eq(activity.actorUserId, root.id))),
  );

/** The page's load, as the page calls it (in the caller's platform transaction): the search params and the address they make. */
function load(params: Record<string, string>, superadminId = root.id) {
  const path = `/admin/activity?${new URLSearchParams(params)}`;
  return withPlatform({ superadminId }, (tx, platform) => readPlatformWideActivity(tx, platform, parseActivitySearch(params), path));
}

/** A superadmin's transaction that has entered one tenant (and so recorded it there). */
const inTenant = <T,>(tenantId: string, work: (tx: PlatformTx, entered: TenantTx) => Promise<T>) =>
  withPlatform({ superadminId: root.id }, async (tx, platform) => work(tx, await platform.enterTenant(tenantId, "test")));

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
  await insertEntries(world.a.id, [{ at: "2026-07-01T10:00:00Z", action: "flow.created", summary: `${marker} in A` }]);
  await insertEntries(world.b.id, [{ at: "2026-07-02T10:00:00Z", action: secretAction, summary: `${marker} in B` }]);
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
  it("refuses anyone who is not a superadmin, and records nothing", async () => {
    await expect(load({ tenant: world.a.id }, world.adminA.id)).rejects.toBeInstanceOf(NotSuperadminError);
    expect(await accessEntries(world.a.id)).toEqual([]);
  });

  it("without a tenant, reads the platform log only: no tenant's entries, and nothing recorded in any tenant", async () => {
    for (const log of ["all", "tenant", "platform"]) {
      const { page, tenant } = await load({ q: marker, log });
      expect(tenant).toBeNull();
      expect(page.rows.map((r) => [r.log, r.summary]), log).toEqual([["platform", `${marker} license of B changed`]]);
    }
    expect(await accessEntries(world.a.id)).toEqual([]);
    expect(await accessEntries(world.b.id)).toEqual([]);
  });

  it("offers the fixed catalog of action names, not names read from tenants' logs", async () => {
    const { actions } = await load({});
    expect(actions).toEqual(ACTION_FILTER_OPTIONS);
    expect(actions).not.toContain(secretAction);
    expect(actions).toContain("superadmin.accessed");
  });

  it("shows a chosen tenant's log (and the platform events about it) after recording the view, with its address, in that tenant", async () => {
    const { page } = await load({ q: marker, tenant: world.b.id });
    expect(page.rows.map((r) => [r.log, r.summary, r.tenantName])).toEqual([
      ["platform", `${marker} license of B changed`, "beta"],
      ["tenant", `${marker} in B`, expect.stringMatching(/^beta /)],
    ]);
    const [entry, ...more] = await accessEntries(world.b.id);
    expect(more).toEqual([]);
    const path = `/admin/activity?${new URLSearchParams({ q: marker, tenant: world.b.id })}`;
    expect(entry).toMatchObject({ summary: ADMIN_ACCESS_REASON, targetType: "page", targetId: path, details: { path } });
    expect(await accessEntries(world.a.id)).toEqual([]);
  });

  it("attack: tenant=<id>&log=platform writes superadmin.accessed in that tenant", async () => {
    const before = (await accessEntries(world.a.id)).length;
    const { page } = await load({ tenant: world.a.id, log: "platform" });
    expect(page.rows.every((r) => r.log === "platform")).toBe(true);
    const entries = await accessEntries(world.a.id);
    expect(entries).toHaveLength(before + 1);
    expect(entries.filter((e) => e.targetId === `/admin/activity?tenant=${world.a.id}&log=platform`)).toHaveLength(1);
  });

  it("attack: a search that matches nothing in a chosen tenant is recorded there, in either log", async () => {
    for (const log of ["all", "platform"]) {
      const before = (await accessEntries(world.a.id)).length;
      const nothing = `nothing${uniqueSuffix()}`;
      const { page } = await load({ tenant: world.a.id, log, q: nothing });
      expect(page.rows).toEqual([]);
      const entries = await accessEntries(world.a.id);
      expect(entries, log).toHaveLength(before + 1);
      expect(entries.filter((e) => (e.details as { path: string }).path.includes(`q=${nothing}`)), log).toHaveLength(1);
    }
  });

  it("an unknown tenant id enters nothing and reads only the platform log about it", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const { page, tenant } = await load({ tenant: unknown, q: marker });
    expect(tenant).toBeNull();
    expect(page.rows).toEqual([]);
  });

  it("pages across both logs with one cursor, both ways", async () => {
    const pageOf = (key?: ActivityKey) =>
      inTenant(world.b.id, (tx, entered) => listPlatformWidePage(tx, entered, { actions: [], search: marker, log: "all", tenantId: world.b.id }, { key, limit: 1 }));
    const seen: string[] = [];
    let page = await pageOf();
    seen.push(page.rows[0]!.summary);
    while (page.older) {
      page = await pageOf(page.older);
      seen.push(...page.rows.map((r) => r.summary));
    }
    expect(seen).toEqual([`${marker} license of B changed`, `${marker} in B`]);
    const back = await pageOf(page.newer!);
    expect(back.rows.map((r) => r.summary)).toEqual([`${marker} license of B changed`]);
  });

  it("searches both logs by the beginning of words, in any case, like a tenant's own page", async () => {
    const typed = marker.slice(0, -1).toUpperCase();
    const search = (filters: Partial<Parameters<typeof listPlatformWidePage>[2]>) =>
      inTenant(world.b.id, async (tx, entered) =>
        (await listPlatformWidePage(tx, entered, { actions: [], search: typed, log: "all", tenantId: world.b.id, ...filters }, { limit: 10 })).rows.map(
          (r) => r.summary,
        ),
      );
    expect(await search({})).toEqual([`${marker} license of B changed`, `${marker} in B`]);
    expect(await search({ log: "tenant" })).toEqual([`${marker} in B`]);
    expect(await search({ search: `${typed} nowhere` })).toEqual([]);
  });

  it("searches the platform log without a tenant by the beginning of words, in any case", async () => {
    const word = `Plat${uniqueSuffix()}`;
    await withSystem((tx) =>
      recordPlatformActivity(tx, { action: "tenant.created", summary: `${word}Word created by root`, createdAt: new Date("2026-07-04T10:00:00Z") }),
    );
    const search = async (typed: string) =>
      (await withPlatform({ superadminId: root.id }, (tx) => listPlatformWidePage(tx, null, { actions: [], search: typed, log: "all" }, { limit: 10 }))).rows.map(
        (r) => r.summary,
      );
    expect(await search(word.toUpperCase())).toEqual([`${word}Word created by root`]);
    expect(await search(`${word.toLowerCase()}word ROOT`)).toEqual([`${word}Word created by root`]);
    // Inside a word is not the beginning of one, though the trigram index finds it as a substring.
    expect(await search(word.slice(2))).toEqual([]);
    expect(await search(`${word} nowhere`)).toEqual([]);
  });

  it("searches a chosen tenant the same way whether it reads its word index or walks its log", async () => {
    // Tenant C holds the words often enough to walk its log; B reads them from the word index.
    const c = await createTenant("gamma");
    await insertSeries(c.id, 600, { newest: "2026-06-30T00:00:00Z", action: "flow.run", summary: `${marker} common` });
    const suffix = marker.slice("mark-".length);
    const pageOf = (filters: Partial<Parameters<typeof listPlatformWidePage>[2]>, key?: ActivityKey) =>
      inTenant(c.id, (tx, entered) => listPlatformWidePage(tx, entered, { actions: [], log: "tenant", tenantId: c.id, ...filters }, { key, limit: 4 }));
    // One word (index entries alone), two words and an action (entries looked up).
    for (const filters of [{ search: suffix }, { search: `${suffix} MARK` }, { search: suffix, actions: ["flow.created", "flow.run"] }]) {
      const first = await pageOf(filters);
      expect(first.rows.map((r) => r.summary), JSON.stringify(filters)).toEqual([0, 1, 2, 3].map((n) => `${marker} common ${n}`));
      const second = await pageOf(filters, first.older!);
      expect(second.rows.map((r) => r.summary), JSON.stringify(filters)).toEqual([4, 5, 6, 7].map((n) => `${marker} common ${n}`));
    }
    const rare = (await load({ q: suffix, tenant: world.b.id, log: "tenant" })).page.rows.map((r) => r.summary);
    expect(rare).toEqual([`${marker} in B`]);
  });
});
