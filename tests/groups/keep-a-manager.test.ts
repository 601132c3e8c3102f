// The tenant always keeps an active member who can manage members, now also through custom groups:
// where the only ones who can are in a group with Manage members, dropping that permission, deleting
// the group, taking its last active member out, suspending or removing them is refused; and two
// managers taking each other out of the group at the same instant leave exactly one.
import { describe, expect, it, vi } from "vitest";
import { withTenant } from "@/db/scopes";
import type { ActionResult } from "@/lib/action-result";
import { countActiveManagers } from "@/db/queries/groups";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { raceBehindTenantLock } from "../support/forced-race";
import { actingAs } from "../support/session";
import { groupsSnapshot, seedGroup } from "./groups-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { setGroupPermissions } = await import("@/app/t/[slug]/groups/actions/set-group-permissions");
const { deleteGroup } = await import("@/app/t/[slug]/groups/actions/delete-group");
const { removeGroupMember } = await import("@/app/t/[slug]/groups/actions/group-membership");
const { changeMemberRoles } = await import("@/app/t/[slug]/members/actions/change-member-roles");
const { suspendMember } = await import("@/app/t/[slug]/members/actions/suspend-member");
const { removeMember } = await import("@/app/t/[slug]/members/actions/remove-member");

const managers = (tenantId: string) => withTenant({ tenantId, userId: null }, (tx) => countActiveManagers(tx, "members.manage", ["admin"]));

/** A tenant whose only managers are `count` Viewers in one custom group with Manage members. */
async function managedByGroup(label: string, count: number) {
  const tenant = await createTenant(label);
  const people = [];
  for (let i = 0; i < count; i++) {
    const user = await createUser(`${label}-${i}`);
    const membership = await addMember(tenant.id, user.id, ["viewer"]);
    people.push({ user, memberId: membership.id });
  }
  const group = await seedGroup(tenant.id, ["members.manage", "flows.run"], people.map((p) => p.user.id));
  return { tenant, group, people };
}

describe("the last manager through a custom group", () => {
  const CHANGES: Record<string, (slug: string, groupId: string, memberId: string) => Promise<ActionResult<unknown>>> = {
    "drop Manage members from the group": (slug: string, groupId: string) => setGroupPermissions(slug, null, { groupId, permissions: ["flows.run"] }),
    "delete the group": (slug: string, groupId: string) => deleteGroup(slug, null, { groupId }),
    "take themselves out of the group": (slug: string, groupId: string, memberId: string) => removeGroupMember(slug, null, { groupId, memberId }),
    "suspend themselves": (slug: string, _groupId: string, memberId: string) => suspendMember(slug, null, { memberId }),
    "remove themselves": (slug: string, _groupId: string, memberId: string) => removeMember(slug, null, { memberId }),
  };
  for (const [change, call] of Object.entries(CHANGES)) {
    it(`cannot ${change}: CONFLICT, nothing changed`, async () => {
      const { tenant, group, people } = await managedByGroup(`last-${change.split(" ")[0]}`, 1);
      const before = await groupsSnapshot(tenant.id);
      const result = await actingAs(people[0]!.user, () => call(tenant.slug, group.id, people[0]!.memberId));
      expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
      expect(!result.ok && result.message).toMatch(/nobody active could manage the members/);
      expect(await groupsSnapshot(tenant.id)).toEqual(before);
      expect(await managers(tenant.id)).toBe(1);
    });
  }

  it("with a second manager in the group, one may leave it", async () => {
    const { tenant, group, people } = await managedByGroup("two-managers", 2);
    expect(await actingAs(people[0]!.user, () => removeGroupMember(tenant.slug, null, { groupId: group.id, memberId: people[1]!.memberId }))).toMatchObject({ ok: true });
    expect(await managers(tenant.id)).toBe(1);
  });

  it("the last Admin may step down when a custom group still manages members, not before", async () => {
    const tenant = await createTenant("admin-steps-down");
    const admin = await createUser("admin");
    const adminMembership = await addMember(tenant.id, admin.id, ["admin"]);
    const demote = () => actingAs(admin, () => changeMemberRoles(tenant.slug, null, { memberId: adminMembership.id, roles: ["viewer"] }));
    expect(await demote()).toMatchObject({ ok: false, code: "CONFLICT" });
    const deputy = await createUser("deputy");
    await addMember(tenant.id, deputy.id, ["viewer"]);
    await seedGroup(tenant.id, ["members.manage"], [deputy.id]);
    expect(await demote()).toMatchObject({ ok: true });
    expect(await managers(tenant.id)).toBe(1);
  });
});

describe("two managers taking each other out of the group at the same instant", () => {
  const ROUNDS = 3;
  it("exactly one succeeds and one manager remains", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { tenant, group, people } = await managedByGroup(`race-group-${round}`, 2);
      const [a, b] = people as [(typeof people)[0], (typeof people)[0]];
      const results = await raceBehindTenantLock(tenant.id, [
        () => actingAs(a.user, () => removeGroupMember(tenant.slug, null, { groupId: group.id, memberId: b.memberId })),
        () => actingAs(b.user, () => removeGroupMember(tenant.slug, null, { groupId: group.id, memberId: a.memberId })),
      ]);
      expect(results.filter((r) => r.ok), `round ${round}`).toHaveLength(1);
      // The loser, taken out first, may no longer manage members.
      const loser = results.find((r) => !r.ok);
      expect(["CONFLICT", "FORBIDDEN"]).toContain(loser && !loser.ok && loser.code);
      expect(await managers(tenant.id), `round ${round}`).toBe(1);
    }
  });

  it("one drops the group's permission while the other deletes a second managing group: one manager path remains", async () => {
    const { tenant, group, people } = await managedByGroup("race-mixed", 1);
    const other = await createUser("race-mixed-other");
    await addMember(tenant.id, other.id, ["viewer"]);
    const second = await seedGroup(tenant.id, ["members.manage"], [other.id]);
    const results = await raceBehindTenantLock(tenant.id, [
      () => actingAs(people[0]!.user, () => deleteGroup(tenant.slug, null, { groupId: second.id })),
      () => actingAs(other, () => setGroupPermissions(tenant.slug, null, { groupId: group.id, permissions: [] })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await managers(tenant.id)).toBe(1);
  });
});
