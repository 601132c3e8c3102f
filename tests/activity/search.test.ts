// "Search" in the activity log: every word typed starts a word of the summary, in any case. Checked
// on hand-written summaries (case, punctuation, emails, digits, long tokens), and for the word index
// behind it: written by the trigger in the entry's own transaction, isolated per tenant.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, activityTerms } from "@/db/schema";
import { listActivityPage, recordActivity } from "@/db/queries/activity/tenant-log";
import type { ActivityFilters } from "@/db/queries/activity/sql";
import { planSearch } from "@/db/queries/activity/search";
import { decodeCursor, encodeCursor } from "@/lib/activity/cursor";
import { createTenant, createTwoTenants, databaseErrorOf, uniqueSuffix } from "../support/fixtures";
import { insertEntries, insertSeries } from "./support";
import { claimingTenant } from "../support/forged-scope";

let tenant: { id: string };
const LONG_TOKEN = "x".repeat(100);

const search = async (text: string, filters: Partial<ActivityFilters> = {}) =>
  withTenant({ tenantId: tenant.id, userId: null }, async (tx) =>
    (await listActivityPage(tx, { actions: [], ...filters, search: text }, { limit: 100 })).rows.map((row) => row.summary),
  );

beforeAll(async () => {
  tenant = await createTenant("search");
  await insertEntries(tenant.id, [
    { at: "2026-04-01T10:00:00Z", summary: "alice@acme.test added bob@globex.test" },
    { at: "2026-04-02T10:00:00Z", summary: "Invoice #12 paid (50% discount)" },
    { at: "2026-04-03T10:00:00Z", summary: "Alina renamed flow “Payroll, EU”" },
    { at: "2026-04-04T10:00:00Z", summary: "a b c" },
    { at: "2026-04-05T10:00:00Z", summary: "Zoë joined" },
    { at: "2026-04-06T10:00:00Z", summary: `token ${LONG_TOKEN} stored` },
    { at: "2026-04-07T10:00:00Z", summary: "REFUND of 500 for ALICE" },
  ]);
});

describe("word-prefix search", () => {
  it("matches the start of words, in any case, never the middle", async () => {
    expect(await search("ali")).toEqual(["REFUND of 500 for ALICE", "Alina renamed flow “Payroll, EU”", "alice@acme.test added bob@globex.test"]);
    expect(await search("ALICE")).toEqual(["REFUND of 500 for ALICE", "alice@acme.test added bob@globex.test"]);
    expect(await search("voice")).toEqual([]);
    expect(await search("nvoice")).toEqual([]);
  });

  it("splits emails, hostnames and everything else on punctuation, in the summary and in what is typed", async () => {
    expect(await search("alice@acme")).toEqual(["alice@acme.test added bob@globex.test"]);
    expect(await search("globex.test")).toEqual(["alice@acme.test added bob@globex.test"]);
    expect(await search("payroll eu")).toEqual(["Alina renamed flow “Payroll, EU”"]);
    expect(await search("“Payroll,")).toEqual(["Alina renamed flow “Payroll, EU”"]);
    // "50%" is the word "50", which starts "50" and "500".
    expect(await search("50%")).toEqual(["REFUND of 500 for ALICE", "Invoice #12 paid (50% discount)"]);
    expect(await search("#12")).toEqual(["Invoice #12 paid (50% discount)"]);
  });

  it("needs every word typed (AND), in any order", async () => {
    expect(await search("paid inv")).toEqual(["Invoice #12 paid (50% discount)"]);
    expect(await search("alice refund")).toEqual(["REFUND of 500 for ALICE"]);
    expect(await search("alice nobody")).toEqual([]);
  });

  it("does not index one-letter words, but a one-letter search is the start of longer words", async () => {
    expect(await search("a")).toEqual(["REFUND of 500 for ALICE", "Alina renamed flow “Payroll, EU”", "alice@acme.test added bob@globex.test"]);
    expect(await search("c")).toEqual([]);
  });

  it("handles letters beyond ASCII and tokens longer than the index keeps", async () => {
    expect(await search("zoë")).toEqual(["Zoë joined"]);
    expect(await search("ZOË")).toEqual(["Zoë joined"]);
    expect(await search("xxxxx")).toEqual([`token ${LONG_TOKEN} stored`]);
    expect(await search(LONG_TOKEN)).toEqual([`token ${LONG_TOKEN} stored`]);
  });

  it("treats a search of punctuation alone as no search", async () => {
    expect(await search("%_ ,;")).toHaveLength(7);
  });

  it("combines with the date filter", async () => {
    expect(await search("ali", { fromDay: "2026-04-02", toDay: "2026-04-06" })).toEqual(["Alina renamed flow “Payroll, EU”"]);
  });
});

describe("the word index", () => {
  const termsOf = (tenantId: string, word: string) =>
    withTenant({ tenantId, userId: null }, (tx) =>
      tx.select().from(activityTerms).where(and(eq(activityTerms.tenantId, tenantId), eq(activityTerms.term, word))),
    );

  it("holds each entry's distinct lower-case words of two or more characters, cut at 64", async () => {
    const [entry] = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(activity).where(eq(activity.summary, `token ${LONG_TOKEN} stored`)),
    );
    const rows = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(activityTerms).where(eq(activityTerms.activityId, entry!.id)),
    );
    expect(rows.map((r) => r.term).sort()).toEqual(["stored", "token", "x".repeat(64)]);
    expect(rows.every((r) => r.createdAt.getTime() === entry!.createdAt.getTime() && r.tenantId === tenant.id)).toBe(true);
  });

  it("is written in the entry's transaction: an entry rolled back leaves no terms", async () => {
    const word = `rolledback${uniqueSuffix()}`;
    await expect(
      withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
        await recordActivity(tx, { actorUserId: null, actorEmail: null, action: "test.event", summary: `${word} entry` });
        expect(await tx.select().from(activityTerms).where(eq(activityTerms.term, word))).toHaveLength(1);
        throw new Error("killed mid-transaction");
      }),
    ).rejects.toThrow("killed mid-transaction");
    expect(await termsOf(tenant.id, word)).toEqual([]);
    expect(await search(word)).toEqual([]);

    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      recordActivity(tx, { actorUserId: null, actorEmail: null, action: "test.event", summary: `${word} entry` }),
    );
    expect(await termsOf(tenant.id, word)).toHaveLength(1);
  });

  it("indexes every entry of a bulk insert (one trigger run per statement)", async () => {
    const bulk = await createTenant("search-bulk");
    const word = `bulk${uniqueSuffix()}`;
    await insertSeries(bulk.id, 400, { newest: "2026-04-10T00:00:00Z", summary: `${word} entry` });
    const rows = await termsOf(bulk.id, word);
    expect(new Set(rows.map((r) => r.activityId)).size).toBe(400);
    const [counts] = await withTenant({ tenantId: bulk.id, userId: null }, (tx) =>
      tx
        .select({ terms: sql<number>`count(*)::int`, entries: sql<number>`count(distinct ${activityTerms.activityId})::int` })
        .from(activityTerms)
        .where(eq(activityTerms.tenantId, bulk.id)),
    );
    // "<word> entry <n>": three terms each (<n> is one letter long below 10).
    expect(counts).toEqual({ entries: 400, terms: 400 * 3 - 10 });
  });
});

describe("isolation", () => {
  let world: Awaited<ReturnType<typeof createTwoTenants>>;
  const word = `shared${uniqueSuffix()}`;
  const asA = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId: world.a.id, userId: world.adminA.id }, work);

  beforeAll(async () => {
    world = await createTwoTenants();
    await insertEntries(world.a.id, [
      { at: "2026-05-01T10:00:00Z", summary: `${word} A older` },
      { at: "2026-05-03T10:00:00Z", summary: `${word} A newer` },
    ]);
    await insertEntries(world.b.id, [
      { at: "2026-05-02T10:00:00Z", summary: `${word} B secret` },
      { at: "2026-05-04T10:00:00Z", summary: `${word} B newest secret onlyinb` },
    ]);
  });

  it("a search in tenant A finds A's entries only, and a word only B has finds nothing", async () => {
    const page = await asA((tx) => listActivityPage(tx, { actions: [], search: word }, { limit: 50 }));
    expect(page.rows.map((r) => r.summary)).toEqual([`${word} A newer`, `${word} A older`]);
    expect(await asA((tx) => planSearch(tx, "onlyinb"))).toEqual({ kind: "no-match" });
  });

  it("a forged cursor made from B's entries pages through A's entries only", async () => {
    const [bNewest] = await withTenant({ tenantId: world.b.id, userId: null }, async (tx) =>
      (await listActivityPage(tx, { actions: [], search: word }, { limit: 1 })).rows,
    );
    for (const direction of ["older", "newer"] as const) {
      const forged = decodeCursor(encodeCursor({ direction, createdAt: bNewest!.createdAt, id: bNewest!.id }));
      const page = await asA((tx) => listActivityPage(tx, { actions: [], search: word }, { key: forged, limit: 50 }));
      expect(page.rows.every((r) => r.summary.includes(" A "))).toBe(true);
    }
  });

  it("a search naming B's tenant id, run in A's scope, finds nothing: row-level security guards the word index too", async () => {
    const [page, plan, terms] = await asA(async (inA) => {
      const tx = claimingTenant(inA, world.b.id);
      return [
        await listActivityPage(tx, { actions: [], search: word }, { limit: 50 }),
        await planSearch(tx, word),
        await tx.select().from(activityTerms).where(eq(activityTerms.tenantId, world.b.id)),
      ] as const;
    });
    expect(page.rows).toEqual([]);
    expect(plan).toEqual({ kind: "no-match" });
    expect(terms).toEqual([]);
  });

  it("the runtime role cannot write B's terms, nor change or delete any", async () => {
    const [bEntry] = await withTenant({ tenantId: world.b.id, userId: null }, (tx) => tx.select().from(activity).where(eq(activity.tenantId, world.b.id)));
    const forged = { tenantId: world.b.id, term: "planted", createdAt: bEntry!.createdAt, activityId: bEntry!.id };
    expect(await databaseErrorOf(asA((tx) => tx.insert(activityTerms).values(forged)))).toMatch(/row-level security/);
    expect(await databaseErrorOf(asA((tx) => tx.update(activityTerms).set({ term: "changed" })))).toMatch(/permission denied/);
    expect(await databaseErrorOf(asA((tx) => tx.delete(activityTerms)))).toMatch(/permission denied/);
    // A term for an entry that does not exist (in A) is refused by the foreign key.
    expect(await databaseErrorOf(asA((tx) => tx.insert(activityTerms).values({ ...forged, tenantId: world.a.id })))).toMatch(/foreign key/);
  });
});
