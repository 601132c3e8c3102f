// Custom groups through their server actions, attacked: every caller × action (a custom group with
// Manage members may manage groups; one with any other single permission may not), another tenant's
// group and member ids replayed, malformed ids, bad input; and a custom group with ONE permission
// grants exactly that one thing on top of the member's built-in group, on their next request.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTenant } from "@/db/scopes";
import { listGroupsOfMember } from "@/db/queries/groups";
import type { ActionResult } from "@/lib/action-result";
import { authorizeInTransaction } from "@/lib/actions/tenant-access";
import { effectivePermissions } from "@/lib/groups/effective-permissions";
import { PERMISSIONS } from "@/lib/permission-catalog";
import { can, permissionsOfRole, type Permission } from "@/lib/permissions";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";
import { actingAs } from "../support/session";
import { entriesOf, groupsSnapshot, inTenant, MEMBERS_MANAGE_EXPECTED, membersManageCallers, seedGroup } from "./groups-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createGroup } = await import("@/app/t/[slug]/groups/actions/create-group");
const { renameGroup } = await import("@/app/t/[slug]/groups/actions/rename-group");
const { setGroupPermissions } = await import("@/app/t/[slug]/groups/actions/set-group-permissions");
const { deleteGroup } = await import("@/app/t/[slug]/groups/actions/delete-group");
const { addGroupMember, removeGroupMember } = await import("@/app/t/[slug]/groups/actions/group-membership");
const { getActor } = await import("@/lib/actor");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
const callers: Record<string, User | null> = {};
let counter = 0;

beforeAll(async () => {
  world = await createTwoTenants();
  Object.assign(callers, await membersManageCallers(world));
});

const EXPECTED = MEMBERS_MANAGE_EXPECTED;

/** A fresh target per call in tenant A: a group with one member, and one more member outside it. */
async function target() {
  const outsider = await createUser("outsider");
  const outsideMember = await addMember(world.a.id, outsider.id, ["viewer"]);
  const insider = await createUser("insider");
  const insideMember = await addMember(world.a.id, insider.id, ["viewer"]);
  const group = await seedGroup(world.a.id, ["flows.run"], [insider.id]);
  return { group, outsideMemberId: outsideMember.id, insideMemberId: insideMember.id };
}

type Target = Awaited<ReturnType<typeof target>>;
const ACTIONS: Record<string, (slug: string, t: Target) => Promise<ActionResult<unknown>>> = {
  create: (slug) => createGroup(slug, null, { name: `Created ${++counter}`, permissions: ["flows.run"] }),
  rename: (slug, t) => renameGroup(slug, null, { groupId: t.group.id, name: `Renamed ${++counter}` }),
  "set permissions": (slug, t) => setGroupPermissions(slug, null, { groupId: t.group.id, permissions: ["flows.run", "flows.write"] }),
  delete: (slug, t) => deleteGroup(slug, null, { groupId: t.group.id }),
  "add member": (slug, t) => addGroupMember(slug, null, { groupId: t.group.id, memberId: t.outsideMemberId }),
  "remove member": (slug, t) => removeGroupMember(slug, null, { groupId: t.group.id, memberId: t.insideMemberId }),
};

describe("group actions × callers", () => {
  for (const [name, call] of Object.entries(ACTIONS)) {
    for (const [caller, expected] of Object.entries(EXPECTED)) {
      it(`${name} by ${caller}: ${expected}`, async () => {
        const t = await target();
        const before = await groupsSnapshot(world.a.id);
        const result = await actingAs(callers[caller]!, () => call(world.a.slug, t));
        if (expected === "ok") {
          expect(result).toMatchObject({ ok: true });
          expect((await groupsSnapshot(world.a.id)).activityEntries).toBe(before.activityEntries + 1);
          return;
        }
        expect(result).toMatchObject({ ok: false, code: expected });
        expect(await groupsSnapshot(world.a.id)).toEqual(before);
      });
    }
  }
});

describe("another tenant's ids, replayed from tenant A", () => {
  it("B's group id: not found for every group action, and B's group is untouched", async () => {
    const memberB = await createUser("member-b");
    const membershipB = await addMember(world.b.id, memberB.id, ["viewer"]);
    const groupB = await seedGroup(world.b.id, ["flows.run"], [world.adminB.id]);
    const { outsideMemberId } = await target();
    const before = await groupsSnapshot(world.b.id);
    const beforeA = await groupsSnapshot(world.a.id);
    const attempts: (() => Promise<ActionResult<unknown>>)[] = [
      () => renameGroup(world.a.slug, null, { groupId: groupB.id, name: "Hijacked" }),
      () => setGroupPermissions(world.a.slug, null, { groupId: groupB.id, permissions: [] }),
      () => deleteGroup(world.a.slug, null, { groupId: groupB.id }),
      () => addGroupMember(world.a.slug, null, { groupId: groupB.id, memberId: outsideMemberId }),
      () => addGroupMember(world.a.slug, null, { groupId: groupB.id, memberId: membershipB.id }),
      () => removeGroupMember(world.a.slug, null, { groupId: groupB.id, memberId: membershipB.id }),
    ];
    for (const attempt of attempts) expect(await actingAs(world.adminA, attempt)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await groupsSnapshot(world.b.id)).toEqual(before);
    expect(await groupsSnapshot(world.a.id)).toEqual(beforeA);
  });

  it("A's group with B's member id: not found, nothing written", async () => {
    const memberB = await createUser("member-b2");
    const membershipB = await addMember(world.b.id, memberB.id, ["viewer"]);
    const { group } = await target();
    const before = await groupsSnapshot(world.a.id);
    const result = await actingAs(world.adminA, () => addGroupMember(world.a.slug, null, { groupId: group.id, memberId: membershipB.id }));
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await groupsSnapshot(world.a.id)).toEqual(before);
  });

  it("B's slug with A's group id by A's Admin: not found", async () => {
    const { group } = await target();
    const result = await actingAs(world.adminA, () => deleteGroup(world.b.slug, null, { groupId: group.id }));
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("malformed ids are not found, never a database error", async () => {
    for (const groupId of ["not-a-uuid", "", "x".repeat(100), "00000000-0000-0000-0000-000000000000"]) {
      expect(await actingAs(world.adminA, () => deleteGroup(world.a.slug, null, { groupId }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
  });
});

describe("bad input", () => {
  it("names: required, unique regardless of case, never a built-in group's; permissions from the catalog only", async () => {
    await seedGroup(world.a.id, [], [], "Marketing");
    const before = await groupsSnapshot(world.a.id);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ name: "  ", permissions: [] }, "name", /Enter a name/],
      [{ name: "marketing", permissions: [] }, "name", /already exists/],
      [{ name: "admin", permissions: [] }, "name", /built-in/],
      [{ name: "Ops", permissions: ["flows.run", "root.everything"] }, "permissions", /catalog/],
    ];
    for (const [input, field, message] of cases) {
      const result = await actingAs(world.adminA, () => createGroup(world.a.slug, null, input));
      expect(result).toMatchObject({ ok: false });
      expect(!result.ok && result.fieldErrors?.[field]?.join(" ")).toMatch(message);
    }
    expect(await groupsSnapshot(world.a.id)).toEqual(before);
  });

  it("the same permissions, name or membership again changes nothing and writes no entry", async () => {
    const { group, insideMemberId } = await target();
    const before = await groupsSnapshot(world.a.id);
    expect(await actingAs(world.adminA, () => setGroupPermissions(world.a.slug, null, { groupId: group.id, permissions: ["flows.run"] }))).toMatchObject({ ok: true });
    expect(await actingAs(world.adminA, () => renameGroup(world.a.slug, null, { groupId: group.id, name: group.name }))).toMatchObject({ ok: true });
    expect(await actingAs(world.adminA, () => addGroupMember(world.a.slug, null, { groupId: group.id, memberId: insideMemberId }))).toMatchObject({ ok: true });
    expect(await groupsSnapshot(world.a.id)).toEqual(before);
  });
});

describe("a custom group with one permission", () => {
  const VIEWER = permissionsOfRole("viewer");
  const beyondViewer = PERMISSIONS.filter((p) => !VIEWER.includes(p));

  it.each(beyondViewer)("%s: a Viewer in it can do exactly that on top of Viewer, checked in the write transaction", async (permission) => {
    const user = await createUser(`one-${permission}`);
    await addMember(world.a.id, user.id, ["viewer"]);
    await seedGroup(world.a.id, [permission], [user.id]);
    const actor = await actingAs(user, () => getActor(world.a.slug));
    expect(effectivePermissions(actor!)).toEqual(PERMISSIONS.filter((p) => VIEWER.includes(p) || p === permission));
    for (const other of PERMISSIONS) {
      const allowed = VIEWER.includes(other) || other === permission;
      expect(can(actor!, other), `${permission} → ${other}`).toBe(allowed);
      const check = withTenant({ tenantId: world.a.id, userId: user.id }, (tx) => authorizeInTransaction(tx, { id: user.id, ssoTenantId: null }, other as Permission));
      if (allowed) await expect(check).resolves.toBeTruthy();
      else await expect(check).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("flows.run through a group: a Viewer can create no group but Manage members through another group can, on the very next request", async () => {
    const user = await createUser("two-groups");
    const membership = await addMember(world.a.id, user.id, ["viewer"]);
    const runners = await seedGroup(world.a.id, ["flows.run"]);
    const managers = await seedGroup(world.a.id, ["members.manage"]);
    expect(await actingAs(user, () => createGroup(world.a.slug, null, { name: `Before ${++counter}`, permissions: [] }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    for (const group of [runners, managers]) {
      expect(await actingAs(world.adminA, () => addGroupMember(world.a.slug, null, { groupId: group.id, memberId: membership.id }))).toMatchObject({ ok: true });
    }
    const actor = await actingAs(user, () => getActor(world.a.slug));
    expect(actor!.groupPermissions).toEqual(["flows.run", "members.manage"]);
    expect(await actingAs(user, () => createGroup(world.a.slug, null, { name: `After ${++counter}`, permissions: [] }))).toMatchObject({ ok: true });
    const groups = await inTenant(world.a.id, (tx) => listGroupsOfMember(tx, world.a.id, user.id));
    expect(groups.map((g) => g.id).sort()).toEqual([runners.id, managers.id].sort());
    expect((await entriesOf(world.a.id, "group.member_added")).filter((e) => e.targetId === managers.id)).toHaveLength(1);
  });
});
