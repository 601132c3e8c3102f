// The second wall: every tenant query filters on the tenant it is given, not only on row-level
// security. To test that wall on its own, each query runs in a hand-set scope where the policies let
// tenant B's rows through while the query is asked for tenant A: it must find, change and count
// nothing. A query that lost its explicit tenant filter would return or touch B's rows here.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Tx } from "@/db/scopes";
import { countMembersQuery, countOtherActiveAdmins, deleteMember, findMember, listMembers, updateMemberRoles, updateMemberStatus } from "@/db/queries/members";
import { findMembershipOfUser } from "@/db/queries/memberships";
import { deleteFlow, findFlow, insertFlow, insertFlowRun, lastRunsOf, listFlows, listRunsOfFlow, renameFlow } from "@/db/queries/flows";
import { findActivityActor, searchActivityActors } from "@/db/queries/activity-actors";
import { countActivityPerDay, fetchActivityPage, listActivityActions, listActivityPage, listActivityTargetTypes } from "@/db/queries/activity";
import { addApprovedDomain, listApprovedDomains, removeApprovedDomain } from "@/db/queries/approved-domains";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";
import { insertEntries } from "../activity/support";

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let membershipB: { id: string };
let flowB: { id: string };

/** The policies show tenant B; the query is asked about tenant A. */
const inBAskingForA = <T,>(work: (tx: Tx, tenantA: string) => Promise<T>) =>
  withTenant({ tenantId: world.b.id, userId: world.adminB.id }, (tx) => work(tx, world.a.id));

/** What tenant B really has afterwards, read the normal way. */
const inB = <T,>(work: (tx: Tx, tenantB: string) => Promise<T>) => withTenant({ tenantId: world.b.id, userId: null }, (tx) => work(tx, world.b.id));

beforeAll(async () => {
  world = await createTwoTenants();
  const viewerB = await createUser("viewer-b");
  membershipB = await addMember(world.b.id, viewerB.id, ["viewer"]);
  await addMember(world.b.id, (await createUser("admin-b2")).id, ["admin"]);
  flowB = await inB((tx, b) => insertFlow(tx, { tenantId: b, name: "B's invoices", steps: ["fetch"], createdBy: world.adminB.id }));
  const at = new Date("2026-01-10T10:00:00Z");
  await inB((tx, b) =>
    insertFlowRun(tx, { tenantId: b, flowId: flowB.id, status: "succeeded", triggeredBy: world.adminB.id, log: [], durationMs: 5, startedAt: at, finishedAt: at }),
  );
  await insertEntries(world.b.id, [{ at: "2026-01-10T10:00:00Z", action: "secret.b", targetType: "thing", actorUserId: world.adminB.id, summary: "invoices of tenant b" }]);
  await inB((tx, b) => addApprovedDomain(tx, b, "b-only.test"));
});

describe("members queries filter on their tenant", () => {
  const list = { page: 1, size: 50, sort: "joined", dir: "asc" } as const;

  it("lists, counts and finds nothing of another tenant", async () => {
    await inBAskingForA(async (tx, a) => {
      expect((await listMembers(tx, a, list)).rows).toEqual([]);
      expect((await listMembers(tx, a, { ...list, role: "viewer" })).rows).toEqual([]);
      expect((await listMembers(tx, a, { ...list, search: "viewer-b" })).rows).toEqual([]);
      expect((await listMembers(tx, a, { ...list, sort: "name", dir: "desc", page: 1 })).rows).toEqual([]);
      expect(await countMembersQuery(tx, a, { ...list, status: "active" })).toEqual([{ value: 0 }]);
      expect(await findMember(tx, a, membershipB.id)).toBeNull();
      expect(await countOtherActiveAdmins(tx, a, membershipB.id)).toBe(0);
      expect(await findMembershipOfUser(tx, a, world.adminB.id)).toBeNull();
    });
  });

  it("changes and removes nothing of another tenant", async () => {
    await inBAskingForA(async (tx, a) => {
      await updateMemberRoles(tx, a, membershipB.id, ["admin"]);
      await updateMemberStatus(tx, a, membershipB.id, "suspended");
      await deleteMember(tx, a, membershipB.id);
    });
    const after = await inB((tx, b) => findMember(tx, b, membershipB.id));
    expect(after).toMatchObject({ roles: ["viewer"], status: "active" });
  });
});

describe("flow queries filter on their tenant", () => {
  it("lists and finds nothing of another tenant", async () => {
    await inBAskingForA(async (tx, a) => {
      expect(await listFlows(tx, a, { sort: "name", dir: "asc", page: 1, size: 50 })).toEqual({ rows: [], total: 0 });
      expect(await findFlow(tx, a, flowB.id)).toBeNull();
      expect((await lastRunsOf(tx, a, [flowB.id])).size).toBe(0);
      expect((await listRunsOfFlow(tx, a, flowB.id, { limit: 10 })).runs).toEqual([]);
    });
  });

  it("renames and deletes nothing of another tenant", async () => {
    await inBAskingForA(async (tx, a) => {
      expect(await renameFlow(tx, a, flowB.id, "taken over")).toBeNull();
      expect(await deleteFlow(tx, a, flowB.id)).toBeNull();
    });
    expect(await inB((tx, b) => findFlow(tx, b, flowB.id))).toMatchObject({ name: "B's invoices" });
  });
});

describe("activity queries filter on their tenant", () => {
  const filters = { actions: [] as string[] };

  it("reads nothing of another tenant's log, with or without filters", async () => {
    await inBAskingForA(async (tx, a) => {
      expect((await listActivityPage(tx, a, filters, { limit: 50 })).rows).toEqual([]);
      expect((await listActivityPage(tx, a, { ...filters, search: "invoices" }, { limit: 50 })).rows).toEqual([]);
      expect((await listActivityPage(tx, a, { actions: ["secret.b"], targetType: "thing", actorUserId: world.adminB.id }, { limit: 50 })).rows).toEqual([]);
      expect(await fetchActivityPage(tx, a, filters, undefined, 50)).toEqual([]);
      const days = await countActivityPerDay(tx, a, filters, { fromDay: "2026-01-09", toDay: "2026-01-11" });
      expect(days.map((d) => d.count)).toEqual([0, 0, 0]);
      const searched = await countActivityPerDay(tx, a, { ...filters, search: "invoices" }, { fromDay: "2026-01-10", toDay: "2026-01-10" });
      expect(searched.map((d) => d.count)).toEqual([0]);
      expect(await listActivityActions(tx, a)).toEqual([]);
      expect(await listActivityTargetTypes(tx, a)).toEqual([]);
      expect(await searchActivityActors(tx, a, "")).toEqual([]);
      expect(await searchActivityActors(tx, a, world.adminA.email.slice(0, 5))).toEqual([]);
      expect(await findActivityActor(tx, a, world.adminA.id)).toBeNull();
    });
  });
});

describe("approved domain queries filter on their tenant", () => {
  it("lists and removes nothing of another tenant", async () => {
    await inBAskingForA(async (tx, a) => {
      expect(await listApprovedDomains(tx, a)).toEqual([]);
      expect(await removeApprovedDomain(tx, a, "b-only.test")).toBe(false);
    });
    expect(await inB((tx, b) => listApprovedDomains(tx, b))).toEqual(["b-only.test"]);
  });
});

it("the hand-set scope really lets tenant B's rows through (so the checks above can fail)", async () => {
  await inBAskingForA(async (tx) => {
    const b = world.b.id;
    expect((await listMembers(tx, b, { page: 1, size: 50, sort: "joined", dir: "asc" })).rows.length).toBeGreaterThan(0);
    expect(await findFlow(tx, b, flowB.id)).not.toBeNull();
    expect((await listRunsOfFlow(tx, b, flowB.id, { limit: 10 })).runs).toHaveLength(1);
    expect((await listActivityPage(tx, b, { actions: [] }, { limit: 50 })).rows.length).toBeGreaterThan(0);
    expect(await listApprovedDomains(tx, b)).toEqual(["b-only.test"]);
  });
});
