// The second wall: every tenant query filters on its transaction's tenant id, not only on row-level
// security. To test that wall on its own, each query runs in a forged transaction whose database
// scope lets tenant B's rows through while its tenant id says tenant A: it must find, change and
// count nothing. A query that lost its explicit tenant filter would return or touch B's rows here.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant, type TenantTx } from "@/db/scopes";
import { countMembersQuery, countOtherActiveAdmins, deleteMember, findMember, listMembers, updateMemberRoles, updateMemberStatus } from "@/db/queries/members";
import { findMembershipOfUser } from "@/db/queries/memberships";
import { deleteFlow, findFlow, insertFlow, insertFlowRun, lastRunsOf, listFlows, listRunsOfFlow, renameFlow } from "@/db/queries/flows";
import { findActivityActor, searchActivityActors } from "@/db/queries/activity/actors";
import { countActivityPerDay } from "@/db/queries/activity/chart";
import { fetchActivityPage, listActivityFilterValues, listActivityPage } from "@/db/queries/activity/tenant-log";
import { deleteDataTable, deleteRow, findDataTable, findRow, insertDataTable, insertRow, listDataTables, renameDataTable, updateRow } from "@/db/queries/data-tables";
import { listRows } from "@/db/queries/data-table-row-page";
import type { DataColumn } from "@/db/schema";
import { sortKey } from "@/lib/data-tables/sort-keys";
import { addApprovedDomain, listApprovedDomains, removeApprovedDomain } from "@/db/queries/approved-domains";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";
import { insertEntries } from "../activity/support";
import { claimingTenant } from "../support/forged-scope";

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let membershipB: { id: string };
let flowB: { id: string };
let dataTableB: { id: string; columns: DataColumn[] };
let dataRowB: { id: string };

/** The policies show tenant B; the transaction's tenant id (what the queries filter by) says tenant A. */
const inBAskingForA = <T,>(work: (tx: TenantTx) => Promise<T>) =>
  withTenant({ tenantId: world.b.id, userId: world.adminB.id }, (tx) => work(claimingTenant(tx, world.a.id)));

/** What tenant B really has afterwards, read the normal way. */
const inB = <T,>(work: (tx: TenantTx) => Promise<T>) => withTenant({ tenantId: world.b.id, userId: null }, work);

beforeAll(async () => {
  world = await createTwoTenants();
  const viewerB = await createUser("viewer-b");
  membershipB = await addMember(world.b.id, viewerB.id, ["viewer"]);
  await addMember(world.b.id, (await createUser("admin-b2")).id, ["admin"]);
  flowB = await inB((tx) => insertFlow(tx, { name: "B's invoices", steps: ["fetch"], createdBy: world.adminB.id }));
  const at = new Date("2026-01-10T10:00:00Z");
  await inB((tx) =>
    insertFlowRun(tx, { flowId: flowB.id, status: "succeeded", triggeredBy: world.adminB.id, log: [], durationMs: 5, startedAt: at, finishedAt: at }),
  );
  await insertEntries(world.b.id, [{ at: "2026-01-10T10:00:00Z", action: "secret.b", targetType: "thing", actorUserId: world.adminB.id, summary: "invoices of tenant b" }]);
  await inB((tx) => addApprovedDomain(tx, "b-only.test"));
  dataTableB = await inB((tx) => insertDataTable(tx, { name: "customers", columns: [{ name: "Name", type: "text" }], createdBy: world.adminB.id }));
  dataRowB = await inB((tx) => insertRow(tx, dataTableB, { Name: "B's customer" }));
});

describe("members queries filter on their tenant", () => {
  const list = { page: 1, size: 50, sort: "joined", dir: "asc" } as const;

  it("lists, counts and finds nothing of another tenant", async () => {
    await inBAskingForA(async (tx) => {
      expect((await listMembers(tx, list)).rows).toEqual([]);
      expect((await listMembers(tx, { ...list, role: "viewer" })).rows).toEqual([]);
      expect((await listMembers(tx, { ...list, search: "viewer-b" })).rows).toEqual([]);
      expect((await listMembers(tx, { ...list, sort: "name", dir: "desc", page: 1 })).rows).toEqual([]);
      expect(await countMembersQuery(tx, { ...list, status: "active" })).toEqual([{ value: 0 }]);
      expect(await findMember(tx, membershipB.id)).toBeNull();
      expect(await countOtherActiveAdmins(tx, membershipB.id)).toBe(0);
      expect(await findMembershipOfUser(tx, world.adminB.id)).toBeNull();
    });
  });

  it("changes and removes nothing of another tenant", async () => {
    await inBAskingForA(async (tx) => {
      await updateMemberRoles(tx, membershipB.id, ["admin"]);
      await updateMemberStatus(tx, membershipB.id, "suspended");
      await deleteMember(tx, membershipB.id);
    });
    const after = await inB((tx) => findMember(tx, membershipB.id));
    expect(after).toMatchObject({ roles: ["viewer"], status: "active" });
  });
});

describe("flow queries filter on their tenant", () => {
  it("lists and finds nothing of another tenant", async () => {
    await inBAskingForA(async (tx) => {
      expect(await listFlows(tx, { sort: "name", dir: "asc", page: 1, size: 50 })).toEqual({ rows: [], total: 0 });
      expect(await findFlow(tx, flowB.id)).toBeNull();
      expect((await lastRunsOf(tx, [flowB.id])).size).toBe(0);
      expect((await listRunsOfFlow(tx, flowB.id, { limit: 10 })).runs).toEqual([]);
    });
  });

  it("renames and deletes nothing of another tenant", async () => {
    await inBAskingForA(async (tx) => {
      expect(await renameFlow(tx, flowB.id, "taken over")).toBeNull();
      expect(await deleteFlow(tx, flowB.id)).toBeNull();
    });
    expect(await inB((tx) => findFlow(tx, flowB.id))).toMatchObject({ name: "B's invoices" });
  });
});

describe("activity queries filter on their tenant", () => {
  const filters = { actions: [] as string[] };

  it("reads nothing of another tenant's log, with or without filters", async () => {
    await inBAskingForA(async (tx) => {
      expect((await listActivityPage(tx, filters, { limit: 50 })).rows).toEqual([]);
      expect((await listActivityPage(tx, { ...filters, search: "invoices" }, { limit: 50 })).rows).toEqual([]);
      expect((await listActivityPage(tx, { actions: ["secret.b"], targetType: "thing", actorUserId: world.adminB.id }, { limit: 50 })).rows).toEqual([]);
      expect(await fetchActivityPage(tx, filters, undefined, 50)).toEqual([]);
      const days = await countActivityPerDay(tx, filters, { fromDay: "2026-01-09", toDay: "2026-01-11" });
      expect(days.map((d) => d.count)).toEqual([0, 0, 0]);
      const searched = await countActivityPerDay(tx, { ...filters, search: "invoices" }, { fromDay: "2026-01-10", toDay: "2026-01-10" });
      expect(searched.map((d) => d.count)).toEqual([0]);
      expect(await listActivityFilterValues(tx)).toEqual({ actions: [], targetTypes: [] });
      expect(await searchActivityActors(tx, "")).toEqual([]);
      expect(await searchActivityActors(tx, world.adminA.email.slice(0, 5))).toEqual([]);
      expect(await findActivityActor(tx, world.adminA.id)).toBeNull();
    });
  });
});

describe("approved domain queries filter on their tenant", () => {
  it("lists and removes nothing of another tenant", async () => {
    await inBAskingForA(async (tx) => {
      expect(await listApprovedDomains(tx)).toEqual([]);
      expect(await removeApprovedDomain(tx, "b-only.test")).toBe(false);
    });
    expect(await inB((tx) => listApprovedDomains(tx))).toEqual(["b-only.test"]);
  });
});

it("the forged transaction's scope really lets tenant B's rows through (so the checks above can fail)", async () => {
  await inBAskingForA(async (askingForA) => {
    const tx = claimingTenant(askingForA, world.b.id);
    expect((await listMembers(tx, { page: 1, size: 50, sort: "joined", dir: "asc" })).rows.length).toBeGreaterThan(0);
    expect(await findFlow(tx, flowB.id)).not.toBeNull();
    expect((await listRunsOfFlow(tx, flowB.id, { limit: 10 })).runs).toHaveLength(1);
    expect((await listActivityPage(tx, { actions: [] }, { limit: 50 })).rows.length).toBeGreaterThan(0);
    expect(await listApprovedDomains(tx)).toEqual(["b-only.test"]);
  });
});

describe("data table queries filter on their tenant", () => {
  const page = { sortPosition: 0, dir: "asc", filter: null, words: [], cursor: null, size: 50 } as const;
  const none = { rows: [], previous: null, next: null };

  it("lists and finds nothing of another tenant", async () => {
    await inBAskingForA(async (tx) => {
      expect(await listDataTables(tx)).toEqual([]);
      expect(await findDataTable(tx, dataTableB.id)).toBeNull();
      expect(await listRows(tx, dataTableB.id, page)).toEqual(none);
      expect(await listRows(tx, dataTableB.id, { ...page, sortPosition: null })).toEqual(none);
      // The filter, the search and a cursor read their indexes, under the same walls.
      expect(await listRows(tx, dataTableB.id, { ...page, filter: { position: 0, key: sortKey("text", "B's customer")! } })).toEqual(none);
      expect(await listRows(tx, dataTableB.id, { ...page, words: ["customer"] })).toEqual(none);
      expect(await listRows(tx, dataTableB.id, { ...page, cursor: { way: "after", key: null, seq: 0 } })).toEqual(none);
      expect(await findRow(tx, dataTableB.id, dataRowB.id)).toBeNull();
    });
  });

  it("renames, changes and deletes nothing of another tenant", async () => {
    await inBAskingForA(async (tx) => {
      expect(await renameDataTable(tx, dataTableB.id, "taken over")).toBeNull();
      expect(await updateRow(tx, dataTableB, dataRowB.id, { Name: "overwritten" })).toBeNull();
      expect(await deleteRow(tx, dataTableB.id, dataRowB.id)).toBeNull();
      expect(await deleteDataTable(tx, dataTableB.id)).toBe(0);
    });
    expect(await inB((tx) => findDataTable(tx, dataTableB.id))).toMatchObject({ name: "customers" });
    expect(await inB((tx) => findRow(tx, dataTableB.id, dataRowB.id))).toMatchObject({ values: { Name: "B's customer" } });
  });
});
