// tenant_groups and tenant_group_members under row-level security: a tenant scope sees its own rows
// only; a user scope (the actor's transaction) sees only the caller's own group rows and the groups
// they are in; no row can point at another tenant's group or at a non-member.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant, withUser } from "@/db/scopes";
import { tenantGroupMembers, tenantGroups } from "@/db/schema";
import { listGroupsOfMember } from "@/db/queries/groups";
import { addMember, createTwoTenants, createUser, databaseErrorOf } from "../support/fixtures";
import { inTenant, seedGroup } from "./groups-support";

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let groupA: { id: string };
let groupB: { id: string };
let otherGroupA: { id: string };
let carol: { id: string };

beforeAll(async () => {
  world = await createTwoTenants();
  carol = await createUser("carol");
  await addMember(world.a.id, carol.id, ["viewer"]);
  groupA = await seedGroup(world.a.id, ["flows.run"], [world.adminA.id, carol.id], "Runners");
  otherGroupA = await seedGroup(world.a.id, ["tables.write"], [world.adminA.id], "Table editors");
  groupB = await seedGroup(world.b.id, ["members.manage"], [world.adminB.id], "Runners");
});

describe("custom groups under row-level security", () => {
  it("a tenant scope sees its own groups and group members only, whatever the query asks", async () => {
    const seen = await inTenant(world.a.id, async (tx) => ({
      groups: await tx.select().from(tenantGroups),
      members: await tx.select().from(tenantGroupMembers),
    }));
    expect(seen.groups.map((g) => g.id).sort()).toEqual([groupA.id, otherGroupA.id].sort());
    expect(new Set(seen.members.map((m) => m.tenantId))).toEqual(new Set([world.a.id]));
  });

  it("a user scope sees only the caller's own group rows and the groups they are in", async () => {
    const seen = await withUser({ userId: carol.id }, async (tx) => ({
      groups: await tx.select().from(tenantGroups),
      members: await tx.select().from(tenantGroupMembers),
      ofMember: await listGroupsOfMember(tx, world.a.id, carol.id),
      ofOther: await listGroupsOfMember(tx, world.a.id, world.adminA.id),
    }));
    expect(seen.groups.map((g) => g.id)).toEqual([groupA.id]);
    expect(seen.members.map((m) => m.userId)).toEqual([carol.id]);
    expect(seen.ofMember.map((g) => g.name)).toEqual(["Runners"]);
    expect(seen.ofOther).toEqual([]);
  });

  it("a user scope cannot write group rows, not even its own", async () => {
    const error = await databaseErrorOf(withUser({ userId: carol.id }, (tx) => tx.insert(tenantGroupMembers).values({ tenantId: world.a.id, groupId: otherGroupA.id, userId: carol.id })));
    expect(error).toMatch(/row-level security|permission denied/);
  });

  it("no group member row can point at another tenant's group, nor at a user who is no member of the tenant", async () => {
    expect(await databaseErrorOf(inTenant(world.a.id, (tx) => tx.insert(tenantGroupMembers).values({ tenantId: world.a.id, groupId: groupB.id, userId: world.adminA.id })))).toMatch(/foreign key/);
    expect(await databaseErrorOf(inTenant(world.a.id, (tx) => tx.insert(tenantGroupMembers).values({ tenantId: world.a.id, groupId: groupA.id, userId: world.adminB.id })))).toMatch(/foreign key/);
    expect(await databaseErrorOf(inTenant(world.a.id, (tx) => tx.insert(tenantGroupMembers).values({ tenantId: world.b.id, groupId: groupB.id, userId: world.adminB.id })))).toMatch(/row-level security/);
  });

  it("group names are unique per tenant regardless of case, and the same name may exist in two tenants", async () => {
    expect(await databaseErrorOf(seedGroup(world.a.id, [], [], "RUNNERS"))).toMatch(/tenant_groups_tenant_name/);
  });

  it("a member's group rows go with the membership", async () => {
    const dave = await createUser("dave");
    const membership = await addMember(world.a.id, dave.id, ["viewer"]);
    const group = await seedGroup(world.a.id, ["flows.run"], [dave.id]);
    await withTenant({ tenantId: world.a.id, userId: null }, async (tx) => {
      const { deleteMember } = await import("@/db/queries/members");
      await deleteMember(tx, membership.id);
    });
    const left = await inTenant(world.a.id, (tx) => listGroupsOfMember(tx, world.a.id, dave.id));
    expect(left).toEqual([]);
    expect((await inTenant(world.a.id, (tx) => tx.select().from(tenantGroups))).map((g) => g.id)).toContain(group.id);
  });
});
