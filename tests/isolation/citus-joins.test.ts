// Issue 12, "Running at scale": under Citus (tenant_id the distribution column) a join of two tenant
// tables runs on one shard only when the two are paired on tenant_id or pinned to the same tenant.
// This runs the tenant pages' query functions in a seeded database, records every statement they send
// and EXPLAINs each one with its own parameters as the owner (db/query-plans.ts: outside row-level
// security, whose tenant test would hide a missing pairing), then reads the plan's joins
// (tests/support/colocated-joins.ts). A new query that joins two tenant tables on anything else fails
// here, with the statement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantTableSecurity } from "@/db/catalog";
import { explainAsOwner, recordStatements, type RecordedStatement } from "@/db/query-plans";
import { withTenant, type TenantTx } from "@/db/scopes";
import { listMembers, findMember, countOtherActiveAdmins, type MemberListQuery } from "@/db/queries/members";
import { listFlows, lastRunsOf, listRunsOfFlow, insertFlow, insertFlowRun, findFlow } from "@/db/queries/flows";
import { findOpenInvitation, insertInvitation } from "@/db/queries/member-invitations";
import { listCredentials } from "@/db/queries/credentials";
import { listApiKeys } from "@/db/queries/api-keys";
import { findMembershipOfUser } from "@/db/queries/memberships";
import { countMembers, getTenantSettings } from "@/db/queries/tenants";
import { searchActivityActors, findActivityActor } from "@/db/queries/activity/actors";
import { countActivityPerDay, resolveChartRange } from "@/db/queries/activity/chart";
import { fetchPlannedPage, listActivityFilterValues, listActivityPage } from "@/db/queries/activity/tenant-log";
import { planWords, planSearch, type PlannedWord, type SearchPlan } from "@/db/queries/activity/search";
import type { ActivityFilters } from "@/db/queries/activity/sql";
import { uncolocatedJoins, type PlanNode } from "../support/colocated-joins";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { insertEntries } from "../activity/support";

type Statement = RecordedStatement;

let tenantTables: Set<string>;
let tenant: { id: string };
let other: { id: string };
let alice: { id: string };
const captured: Statement[] = [];
let stopRecording: (() => void) | undefined;

const planOf = async (statement: Statement) => (await explainAsOwner(statement)) as PlanNode;

const explainable = (statement: Statement) => /^\s*(select|with|insert|update|delete)\b/i.test(statement.query);

const inTenant = <T>(work: (tx: TenantTx) => Promise<T>) => withTenant({ tenantId: tenant.id, userId: alice.id }, work);

/** Every plan the activity search can take for `text`: the walk, and each word driving by lookup, by merge and as a range. */
async function searchPlans(text: string): Promise<SearchPlan[]> {
  return inTenant(async (tx) => {
    const words = await planWords(tx, text, 1_000_000);
    const asRange = (w: PlannedWord): PlannedWord => ({ ...w, onlyTerm: null });
    const plans: SearchPlan[] = [await planSearch(tx, text)];
    for (const driver of words) {
      const others = words.filter((w) => w !== driver);
      plans.push({ kind: "terms", driver, others, probeBy: "lookup" });
      plans.push({ kind: "terms", driver, others, probeBy: "merge" });
      plans.push({ kind: "terms", driver: asRange(driver), others: others.map(asRange), probeBy: "lookup" });
    }
    return plans;
  });
}

beforeAll(async () => {
  tenantTables = new Set((await tenantTableSecurity()).map((t) => t.table));
  [tenant, other] = [await createTenant("joins"), await createTenant("joins-other")];
  alice = await createUser("alice");
  const bob = await createUser("bob");
  await addMember(tenant.id, alice.id, ["admin"]);
  await addMember(tenant.id, bob.id, ["viewer"]);
  await addMember(other.id, bob.id, ["viewer"]);
  await insertEntries(tenant.id, [
    { at: "2026-03-01T10:00:00.000Z", action: "flow.run", actorUserId: alice.id, summary: "alpha beta run", targetType: "flow" },
    { at: "2026-03-02T10:00:00.000Z", action: "member.invite", actorUserId: alice.id, summary: "alpine gamma invite" },
    { at: "2026-03-03T10:00:00.000Z", action: "flow.run", summary: "beta delta" },
  ]);

  stopRecording = await recordStatements((statement) => captured.push(statement));

  const membership = await inTenant((tx) => findMembershipOfUser(tx, bob.id));
  const flow = await inTenant(async (tx) => {
    const created = await insertFlow(tx, { name: "nightly", steps: ["a"], createdBy: alice.id });
    await insertFlowRun(tx, { flowId: created.id, status: "succeeded", triggeredBy: alice.id, log: [], durationMs: 5, startedAt: new Date(), finishedAt: new Date() });
    await insertInvitation(tx, { membershipId: membership!.id, tokenHash: "hash-of-a-token", expiresAt: new Date(Date.now() + 60_000) });
    return created;
  });

  await inTenant(async (tx) => {
    for (const sort of ["joined", "name", "email"] as const) {
      for (const filters of [{}, { role: "admin" }, { status: "active" }, { search: "ali" }] as Partial<MemberListQuery>[]) {
        await listMembers(tx, { page: 1, size: 25, sort, dir: "asc", ...filters });
        await listMembers(tx, { page: 2, size: 1, sort, dir: "desc", ...filters });
      }
    }
    await findMember(tx, membership!.id);
    await countOtherActiveAdmins(tx, membership!.id);
    await countMembers(tx);
    await getTenantSettings(tx);
    const { rows } = await listFlows(tx, { sort: "name", dir: "asc", page: 1, size: 25, search: "night" });
    await lastRunsOf(tx, rows.map((r) => r.id));
    await findFlow(tx, flow.id);
    await listRunsOfFlow(tx, flow.id, { limit: 20 });
    await findOpenInvitation(tx, "hash-of-a-token");
    await listCredentials(tx);
    await listApiKeys(tx);
    await searchActivityActors(tx, "");
    await searchActivityActors(tx, "ali");
    await findActivityActor(tx, alice.id);
    await listActivityFilterValues(tx);
  });

  const filterSets: ActivityFilters[] = [
    { actions: [] },
    { actions: ["flow.run"], actorUserId: alice.id, fromDay: "2026-03-01", toDay: "2026-03-03", targetType: "flow" },
  ];
  for (const filters of filterSets) {
    for (const plan of await searchPlans("al be")) {
      await inTenant(async (tx) => {
        const searched = { ...filters, search: "al be" };
        await fetchPlannedPage(tx, searched, plan, undefined, 20);
        const range = await resolveChartRange(tx, searched, { defaultDays: 30, maxDays: 90 });
        await countActivityPerDay(tx, searched, range, plan);
      });
    }
    await inTenant((tx) => listActivityPage(tx, filters, { limit: 20 }));
  }
  stopRecording?.();
});

afterAll(() => stopRecording?.());

describe("Citus readiness: joins of tenant tables stay on one tenant's shard", () => {
  it("records the pages' statements, joins of tenant tables among them", async () => {
    const joined = captured.filter((s) => explainable(s) && / join /i.test(s.query));
    expect(joined.length).toBeGreaterThan(5);
    expect(captured.some((s) => /activity_terms/.test(s.query) && /\bjoin\b/i.test(s.query))).toBe(true);
    expect(captured.some((s) => /"member_invitations"/.test(s.query) && /join "memberships"/i.test(s.query))).toBe(true);
  });

  it("every join of two tenant tables pairs tenant_id or pins both sides to the same tenant", async () => {
    const offenders: string[] = [];
    const seen = new Set<string>();
    for (const statement of captured.filter(explainable)) {
      const key = `${statement.query}\n${JSON.stringify(statement.params)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const join of uncolocatedJoins(await planOf(statement), tenantTables)) offenders.push(`${join}\n  in: ${statement.query}`);
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it("flags a join of two tenant tables on anything but tenant_id, and one pinned to two tenants", async () => {
    const onMembershipOnly: Statement = {
      query: `select i.id from member_invitations i join memberships m on m.id = i.membership_id where i.token_hash = $1`,
      params: ["x"],
    };
    expect(uncolocatedJoins(await planOf(onMembershipOnly), tenantTables)).toEqual([
      expect.stringMatching(/ of (member_invitations \(i\) and memberships \(m\)|memberships \(m\) and member_invitations \(i\))$/),
    ]);
    const twoTenants: Statement = {
      query: `select m.id from memberships m join flows f on f.created_by = m.user_id where m.tenant_id = $1 and f.tenant_id = $2`,
      params: [tenant.id, other.id],
    };
    expect(uncolocatedJoins(await planOf(twoTenants), tenantTables)).toHaveLength(1);
    const paired: Statement = { ...onMembershipOnly, query: onMembershipOnly.query.replace("on m.id", "on m.tenant_id = i.tenant_id and m.id") };
    expect(uncolocatedJoins(await planOf(paired), tenantTables)).toEqual([]);
  });
});
