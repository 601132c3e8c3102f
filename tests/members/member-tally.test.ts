// The tenant's tally of members by status and roles (tenants.member_tally, kept by a trigger on
// memberships), and the members table's filtered totals summed from it.
import { beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { listMembers, type MemberListQuery } from "@/db/queries/members";
import { tallyTotal } from "@/db/queries/member-tally";
import { memberships, tenants, users } from "@/db/schema";
import { createTenant, createUser } from "../support/fixtures";
import { addMemberWith, membershipsOf } from "./members-support";

describe("tallyTotal", () => {
  const tally = { "active:admin": 2, "active:editor,viewer": 5, "invited:viewer": 3, "suspended:editor": 7 };

  it("sums every key without a filter", () => {
    expect(tallyTotal(tally, {})).toBe(17);
  });

  it("sums the keys of one status, of one role (alone or beside others), and of both", () => {
    expect(tallyTotal(tally, { status: "active" })).toBe(7);
    expect(tallyTotal(tally, { role: "viewer" })).toBe(8);
    expect(tallyTotal(tally, { role: "editor" })).toBe(12);
    expect(tallyTotal(tally, { status: "active", role: "editor" })).toBe(5);
    expect(tallyTotal(tally, { status: "invited", role: "admin" })).toBe(0);
  });

  it("matches roles whole, not by their beginning", () => {
    expect(tallyTotal({ "active:administrator": 4 } as Record<string, number>, { role: "admin" })).toBe(0);
  });
});

/** The tally the trigger kept, and the one counted from the memberships themselves. */
async function tallies(tenantId: string) {
  const [row] = await withSystem((tx) => tx.select({ tally: tenants.memberTally, count: tenants.memberCount }).from(tenants).where(eq(tenants.id, tenantId)));
  const counted: Record<string, number> = {};
  for (const m of await membershipsOf(tenantId)) {
    const key = `${m.status}:${[...m.roles].sort().join(",")}`;
    counted[key] = (counted[key] ?? 0) + 1;
  }
  return { kept: row!.tally, counted, memberCount: row!.count };
}

let tenant: { id: string };
let other: { id: string };

beforeEach(async () => {
  [tenant, other] = [await createTenant("tally"), await createTenant("tally-other")];
});

describe("tenants.member_tally", () => {
  it("counts members added by status and roles, in any order of the roles", async () => {
    for (const [roles, status] of [
      [["viewer", "editor"], "active"],
      [["editor", "viewer"], "active"],
      [["admin"], "active"],
      [["viewer"], "invited"],
    ] as const) {
      await addMemberWith(tenant.id, (await createUser("tallied")).id, [...roles], status);
    }
    const { kept, counted, memberCount } = await tallies(tenant.id);
    expect(kept).toEqual({ "active:editor,viewer": 2, "active:admin": 1, "invited:viewer": 1 });
    expect(kept).toEqual(counted);
    expect(memberCount).toBe(4);
  });

  it("follows role and status changes, removals, and a deleted account's memberships in every tenant", async () => {
    const stays = await createUser("stays");
    const leaves = await createUser("leaves");
    const deleted = await createUser("deleted");
    const kept = await addMemberWith(tenant.id, stays.id, ["viewer"]);
    const removed = await addMemberWith(tenant.id, leaves.id, ["editor"], "invited");
    await addMemberWith(tenant.id, deleted.id, ["admin"]);
    await addMemberWith(other.id, deleted.id, ["viewer"], "suspended");

    await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.update(memberships).set({ roles: ["viewer", "admin"], status: "suspended" }).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.id, kept.id)));
      await tx.delete(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.id, removed.id)));
    });
    await withSystem((tx) => tx.delete(users).where(eq(users.id, deleted.id)));

    const mine = await tallies(tenant.id);
    expect(mine.kept).toEqual({ "suspended:admin,viewer": 1 });
    expect(mine.kept).toEqual(mine.counted);
    expect((await tallies(other.id)).kept).toEqual({});
  });

  it("leaves the tally alone when only a member's name changes", async () => {
    const renamed = await createUser("renamed");
    await addMemberWith(tenant.id, renamed.id, ["viewer"]);
    await withSystem((tx) => tx.update(users).set({ name: "New Name" }).where(eq(users.id, renamed.id)));
    expect((await tallies(tenant.id)).kept).toEqual({ "active:viewer": 1 });
  });
});

describe("the members table's filtered totals", () => {
  const DEFAULT: MemberListQuery = { page: 1, size: 2, sort: "joined", dir: "desc" };

  it("are the number of members that match, for a status, a role and both, with pages of the right rows", async () => {
    const people: [string[], "active" | "invited" | "suspended"][] = [
      [["viewer"], "active"],
      [["viewer", "editor"], "active"],
      [["viewer"], "suspended"],
      [["editor"], "active"],
      [["viewer"], "active"],
    ];
    for (const [roles, status] of people) await addMemberWith(tenant.id, (await createUser("listed")).id, roles as never, status);
    // The other tenant's members match every filter too; they must not be counted.
    for (let i = 0; i < 3; i++) await addMemberWith(other.id, (await createUser("elsewhere")).id, ["viewer", "editor"]);

    const list = (query: Partial<MemberListQuery>) => withTenant({ tenantId: tenant.id, userId: null }, (tx) => listMembers(tx, { ...DEFAULT, ...query }));
    const viewersActive = await list({ status: "active", role: "viewer" });
    expect(viewersActive.total).toBe(3);
    expect(viewersActive.rows).toHaveLength(2);
    expect(viewersActive.rows.every((row) => row.status === "active" && row.roles.includes("viewer"))).toBe(true);
    expect((await list({ status: "active" })).total).toBe(4);
    expect((await list({ role: "editor" })).total).toBe(2);
    expect((await list({ status: "invited" })).total).toBe(0);
    // Past the end: the last page, found from the tally.
    const last = await list({ role: "viewer", page: 9 });
    expect(last).toMatchObject({ total: 4, page: 2 });
    expect(last.rows).toHaveLength(2);
  });
});
