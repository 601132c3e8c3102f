// The search's plans (db/queries/activity/search.ts) return the same rows in the same order: reading
// the word index (one term, a rare prefix, other words probed or tested on the summary) or walking the
// log with every word tested. Each is checked against a model of the rule written here in JavaScript,
// with the other filters, through every page in both directions, and for the chart's counts.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/scopes";
import { countActivityPerDay } from "@/db/queries/activity/chart";
import { fetchPlannedPage } from "@/db/queries/activity/tenant-log";
import type { ActivityFilters, ActivityRow } from "@/db/queries/activity/sql";
import { planSearch, planWords, searchWords, type PlannedWord, type SearchPlan } from "@/db/queries/activity/search";
import { keysetPage } from "@/db/queries/activity/keyset";
import { createTenant, createUser } from "../support/fixtures";
import { insertEntries, type TestEntry } from "./support";

let tenant: { id: string };
let alice: { id: string };
let everything: ActivityRow[];

// Words sharing prefixes (alp: alpha, alpine; x1: x1, x10, x100), so a prefix is one term or several,
// and some summaries hold two terms of one prefix (an entry must still come back once).
const VOCABULARY = ["alpha", "alpine", "Beta", "bet", "gamma", "gam", "delta", "x1", "x10", "x100", "a", "ALPHA"];
const JOINERS = [" ", ", ", "@", ".", " (", "-", "/"];
const ACTIONS = ["a.one", "a.two", "a.three"];
const DAYS = ["2026-03-01", "2026-03-02", "2026-03-03"];

/** The rule, for ASCII text: lower-case words split on anything but letters and digits; terms have 2+ characters. */
const wordsOf = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map((w) => w.slice(0, 64));
const matches = (summary: string, typed: string) => {
  const terms = wordsOf(summary).filter((w) => w.length >= 2);
  return wordsOf(typed).every((w) => terms.some((t) => t.startsWith(w)));
};
const dayOf = (row: ActivityRow) => row.createdAt.slice(0, 10);
const passes = (row: ActivityRow, filters: ActivityFilters) =>
  (!filters.actorUserId || row.actorUserId === filters.actorUserId) &&
  (filters.actions.length === 0 || filters.actions.includes(row.action)) &&
  (!filters.fromDay || dayOf(row) >= filters.fromDay) &&
  (!filters.toDay || dayOf(row) <= filters.toDay) &&
  matches(row.summary, filters.search ?? "");

const inTenant = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId: tenant.id, userId: null }, work);

/** Every way the search could run for `text`: the walk, each word driving (with its single term or as a range), and what planSearch picks. */
async function plansFor(text: string): Promise<{ name: string; plan: SearchPlan }[]> {
  return inTenant(async (tx) => {
    const words = await planWords(tx, text, 1_000_000);
    const asRange = (w: PlannedWord): PlannedWord => ({ ...w, onlyTerm: null });
    const plans = [
      { name: "chosen", plan: await planSearch(tx, text) },
      { name: "walk", plan: { kind: "walk", words: await searchWords(tx, text) } as SearchPlan },
    ];
    for (const driver of words) {
      const others = words.filter((w) => w !== driver);
      plans.push({ name: `terms:${driver.word}`, plan: { kind: "terms", driver, others, probeBy: "lookup" } });
      plans.push({ name: `merged:${driver.word}`, plan: { kind: "terms", driver, others, probeBy: "merge" } });
      plans.push({ name: `range:${driver.word}`, plan: { kind: "terms", driver: asRange(driver), others: others.map(asRange), probeBy: "lookup" } });
    }
    return plans;
  });
}

const pageOf = (filters: ActivityFilters, plan: SearchPlan, limit: number) => (key?: Parameters<typeof fetchPlannedPage>[3]) =>
  inTenant((tx) => keysetPage((k, l) => fetchPlannedPage(tx, filters, plan, k, l), key, limit));

beforeAll(async () => {
  tenant = await createTenant("search-plans");
  alice = await createUser("alice");
  const entries: TestEntry[] = [];
  for (let i = 0; i < 48; i += 1) {
    const words = [VOCABULARY[(i * 7) % VOCABULARY.length]!, VOCABULARY[(i * 5 + 3) % VOCABULARY.length]!, VOCABULARY[(i * 11 + 1) % VOCABULARY.length]!];
    entries.push({
      // Every fourth entry shares its instant with the one before: the id breaks the tie.
      at: `${DAYS[i % 3]}T${String(10 + Math.floor(i / 4)).padStart(2, "0")}:00:00.000Z`,
      action: ACTIONS[i % 3],
      actorUserId: i % 2 === 0 ? alice.id : null,
      summary: `${words[0]}${JOINERS[i % JOINERS.length]}${words[1]} ${words[2]}${i % 5 === 0 ? "!" : ""}`,
    });
  }
  await insertEntries(tenant.id, entries);
  everything = await inTenant(async (tx) => (await keysetPage((k, l) => fetchPlannedPage(tx, { actions: [] }, { kind: "none" }, k, l), undefined, 1000)).rows);
  expect(everything).toHaveLength(48);
});

const SEARCHES = ["alp", "ALPHA", "x1", "x1 delta", "x10 alp", "bet gam", "b", "del, x", "a gamma", "a gam", "nothing"];
const filterSets = (): ActivityFilters[] => [
  { actions: [] },
  { actions: ["a.one", "a.three"] },
  { actions: [], actorUserId: alice.id },
  { actions: ["a.two"], fromDay: "2026-03-02", toDay: "2026-03-03" },
];

describe("search plans", () => {
  it("planSearch picks each kind of plan from the counts", async () => {
    await inTenant(async (tx) => {
      // A prefix of several terms: read from the index while rare, walked once common.
      expect(await planSearch(tx, "alp", 1000)).toMatchObject({ kind: "terms", driver: { word: "alp", onlyTerm: null } });
      expect(await planSearch(tx, "alp", 2)).toMatchObject({ kind: "walk" });
      // One term: read in order from the index, however common.
      expect(await planSearch(tx, "alph", 2)).toMatchObject({ kind: "terms", driver: { word: "alph", onlyTerm: "alpha" } });
      // The rarest word drives; the others are probed (one term) or tested (several).
      const plan = await planSearch(tx, "alp delta", 1000);
      expect(plan).toMatchObject({ kind: "terms", others: [{ word: expect.any(String) }] });
      // Probed one key at a time behind a rare driver; merged with a common one.
      expect(await planSearch(tx, "alph delta", 1000)).toMatchObject({ kind: "terms", probeBy: "lookup" });
      expect(await planSearch(tx, "alph delta", 2)).toMatchObject({
        kind: "terms",
        driver: { onlyTerm: expect.any(String) },
        others: [{ onlyTerm: expect.any(String) }],
        probeBy: "merge",
      });
      expect(await planSearch(tx, "nothing alp")).toEqual({ kind: "no-match" });
      expect(await planSearch(tx, " -- ")).toEqual({ kind: "none" });
    });
  });

  it("return exactly the model's rows, newest first, whichever plan runs, with the other filters", async () => {
    for (const text of SEARCHES) {
      const plans = await plansFor(text);
      for (const base of filterSets()) {
        const filters = { ...base, search: text };
        const expected = everything.filter((row) => passes(row, filters)).map((row) => row.id);
        for (const { name, plan } of plans) {
          const { rows } = await pageOf(filters, plan, 1000)();
          expect(rows.map((row) => row.id), `${text} / ${JSON.stringify(base)} / ${name}`).toEqual(expected);
        }
      }
      if (text === "nothing") continue;
      expect(everything.filter((row) => matches(row.summary, text)).length, text).toBeGreaterThan(0);
    }
  });

  it("page the same way through Older and back through Newer, whichever plan runs", async () => {
    for (const text of ["alp", "x1", "bet gam"]) {
      const filters: ActivityFilters = { actions: [], search: text };
      const expected = everything.filter((row) => passes(row, filters)).map((row) => row.id);
      for (const { name, plan } of await plansFor(text)) {
        const next = pageOf(filters, plan, 3);
        const pages = [await next()];
        while (pages.at(-1)!.older) pages.push(await next(pages.at(-1)!.older!));
        expect(pages.flatMap((p) => p.rows.map((r) => r.id)), `${text} / ${name}`).toEqual(expected);
        // And back: each Newer page is the one before it.
        for (let i = pages.length - 1; i > 0; i -= 1) {
          const back = await next(pages[i]!.newer!);
          expect(back.rows.map((r) => r.id), `${text} / ${name} / back to ${i - 1}`).toEqual(pages[i - 1]!.rows.map((r) => r.id));
        }
      }
    }
  });

  it("count the same per day in the chart, whichever plan runs", async () => {
    for (const text of ["alp", "x1", "x1 delta", "bet gam"]) {
      for (const base of [{ actions: [] }, { actions: ["a.one", "a.two"] }] as ActivityFilters[]) {
        const filters = { ...base, search: text };
        const expected = DAYS.map((day) => ({ day, count: everything.filter((row) => dayOf(row) === day && passes(row, filters)).length }));
        for (const { name, plan } of await plansFor(text)) {
          const days = await inTenant((tx) => countActivityPerDay(tx, filters, { fromDay: DAYS[0]!, toDay: DAYS[2]! }, plan));
          expect(days, `${text} / ${JSON.stringify(base)} / ${name}`).toEqual(expected);
        }
      }
    }
  });
});
