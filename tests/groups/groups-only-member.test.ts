// A member in custom groups only (issue 15: "users belong to groups that carry permissions"): no
// built-in Viewer / Editor / Admin. Their permissions are exactly their groups' (no Viewer baseline),
// the members page accepts them and refuses a member in no group at all, and the database holds
// "at least one group, built-in or custom" at commit (migration members_in_custom_groups_only) for any
// path that skips the actions.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { insertGroupMember, listGroupsOfMember } from "@/db/queries/groups";
import { insertMembership } from "@/db/queries/memberships";
import { memberships, tenantGroupMembers } from "@/db/schema";
import { tenantNavPages } from "@/components/nav/tenant-pages";
import { effectivePermissions } from "@/lib/groups/effective-permissions";
import { can } from "@/lib/permissions";
import { PERMISSIONS } from "@/lib/permission-catalog";
import { createTwoTenants, createUser, databaseErrorOf } from "../support/fixtures";
import { actingAs } from "../support/session";
import { queuedMailTo } from "../support/outbox";
import { groupsSnapshot, inTenant, seedGroup, seedGroupsOnlyMember } from "./groups-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "tenantry.test" }), cookies: async () => ({ get: () => undefined }) }));

const { changeMemberRoles } = await import("@/app/t/[slug]/members/actions/change-member-roles");
const { addMember } = await import("@/app/t/[slug]/members/actions/add-member");
const { removeGroupMember } = await import("@/app/t/[slug]/groups/actions/group-membership");
const { deleteGroup } = await import("@/app/t/[slug]/groups/actions/delete-group");
const { getActor } = await import("@/lib/actor");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
beforeAll(async () => {
  world = await createTwoTenants();
});

const membershipOf = (tenantId: string, userId: string) =>
  inTenant(tenantId, async (tx) => (await tx.select().from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId))))[0]);

const groupsOf = (userId: string) => inTenant(world.a.id, (tx) => listGroupsOfMember(tx, world.a.id, userId));

describe("a member in one custom group with one permission", () => {
  it.each(PERMISSIONS.map((permission) => [permission]))("holds exactly %s, on the request that reads them", async (permission) => {
    const { user } = await seedGroupsOnlyMember(world.a.id, "only", [permission]);
    const actor = (await actingAs(user, () => getActor(world.a.slug)))!;
    expect(actor.roles).toEqual([]);
    // can() over the whole catalog: the one permission, nothing of the Viewer baseline.
    expect(PERMISSIONS.filter((p) => can(actor, p))).toEqual([permission]);
    expect(effectivePermissions({ roles: actor.roles, groupPermissions: [permission], inCustomGroup: true })).toEqual([permission]);
  });

  it("sees only the nav links its permission opens", async () => {
    const { user } = await seedGroupsOnlyMember(world.a.id, "tables-only", ["tables.read"]);
    const actor = (await actingAs(user, () => getActor(world.a.slug)))!;
    expect(tenantNavPages(actor, false).map((page) => page.label)).toEqual(["Overview", "Tables"]);
    // Not "only a Viewer": the dashboards-only setting takes nothing from them.
    expect(can({ ...actor, viewersSeeDashboardsOnly: true }, "tables.read")).toBe(true);
  });

  it("an Admin-only page link needs its own permission too", async () => {
    const { user } = await seedGroupsOnlyMember(world.a.id, "keys-only", ["api_keys.manage"]);
    const actor = (await actingAs(user, () => getActor(world.a.slug)))!;
    expect(tenantNavPages(actor, can(actor, "api_keys.manage")).map((page) => page.label)).toEqual(["Overview", "API keys"]);
  });
});

describe("the members page with custom groups only", () => {
  it("saves a member with no role and a custom group; the mail and the log name the group", async () => {
    const target = await createUser("to-groups-only");
    await inTenant(world.a.id, (tx) => insertMembership(tx, { userId: target.id, roles: ["viewer"] }));
    const group = await seedGroup(world.a.id, ["flows.read"], [], `Marketing ${target.id.slice(0, 6)}`);
    const member = (await membershipOf(world.a.id, target.id))!;
    const result = await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: member.id, roles: [], groups: [group.id] }));
    expect(result).toMatchObject({ ok: true, message: `${target.email} is now ${group.name}.` });
    expect((await membershipOf(world.a.id, target.id))!.roles).toEqual([]);
    const actor = (await actingAs(target, () => getActor(world.a.slug)))!;
    expect(PERMISSIONS.filter((p) => can(actor, p))).toEqual(["flows.read"]);
    const [mail] = await queuedMailTo(target.email);
    expect(mail!.text).toContain(group.name);
  });

  it("refuses unchecking everything, next to the checkboxes, and changes nothing", async () => {
    const { user, group } = await seedGroupsOnlyMember(world.a.id, "keep-one", ["flows.read"]);
    const member = (await membershipOf(world.a.id, user.id))!;
    const before = await groupsSnapshot(world.a.id);
    for (const groups of [[], undefined]) {
      // Without `groups` the member keeps theirs: only an explicit empty list leaves none.
      const result = await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: member.id, roles: [], groups }));
      if (groups === undefined) {
        expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
        continue;
      }
      expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { roles: ["Choose at least one role or group."] } });
    }
    expect(await groupsSnapshot(world.a.id)).toEqual(before);
    expect((await groupsOf(user.id)).map((g) => g.id)).toEqual([group.id]);
  });

  it("adds a member by email into a custom group only (tenant B: A is at its license's member limit), and refuses an add with no role and no group", async () => {
    const group = await seedGroup(world.b.id, ["dashboards.read"]);
    const email = `groups-only-${group.id.slice(0, 8)}@example.test`;
    const form = new FormData();
    form.set("email", email);
    form.append("groups", group.id);
    const added = await actingAs(world.adminB, () => addMember(world.b.slug, null, form));
    expect(added).toMatchObject({ ok: true, data: { email, roles: [], groupIds: [group.id] }, message: `Added ${email} as ${group.name}. We are emailing them an invitation.` });
    const [invitation] = await queuedMailTo(email);
    expect(invitation!.text).toContain(group.name);

    const before = await groupsSnapshot(world.b.id);
    const none = new FormData();
    none.set("email", `nothing-${group.id.slice(0, 8)}@example.test`);
    const refused = await actingAs(world.adminB, () => addMember(world.b.slug, null, none));
    expect(refused).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { roles: ["Choose at least one role or group."] } });
    expect(await groupsSnapshot(world.b.id)).toEqual(before);
  });

  it("refuses an add into another tenant's group", async () => {
    const theirs = await seedGroup(world.b.id, ["flows.read"]);
    const result = await actingAs(world.adminA, () => addMember(world.a.slug, null, { email: `stranger-${theirs.id.slice(0, 8)}@example.test`, roles: [], groups: [theirs.id] }));
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("a member's last group", () => {
  it("cannot be taken from them, nor deleted, while it is their only group", async () => {
    const { user, group } = await seedGroupsOnlyMember(world.a.id, "last-group", ["flows.read"]);
    const member = (await membershipOf(world.a.id, user.id))!;
    const before = await groupsSnapshot(world.a.id);
    const removed = await actingAs(world.adminA, () => removeGroupMember(world.a.slug, null, { groupId: group.id, memberId: member.id }));
    expect(removed).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!removed.ok && removed.message).toContain(user.email);
    const deleted = await actingAs(world.adminA, () => deleteGroup(world.a.slug, null, { groupId: group.id }));
    expect(deleted).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await groupsSnapshot(world.a.id)).toEqual(before);

    // With a second group, the first may go.
    const other = await seedGroup(world.a.id, ["tables.read"], [user.id]);
    expect(await actingAs(world.adminA, () => removeGroupMember(world.a.slug, null, { groupId: group.id, memberId: member.id }))).toMatchObject({ ok: true });
    expect((await groupsOf(user.id)).map((g) => g.id)).toEqual([other.id]);
  });
});

describe("the database's rule: at least one group, built-in or custom (checked at commit)", () => {
  it("refuses a membership with no role and no group", async () => {
    const user = await createUser("no-group");
    expect(await databaseErrorOf(inTenant(world.a.id, (tx) => insertMembership(tx, { userId: user.id, roles: [] })))).toMatch(/at least one group/);
    expect(await membershipOf(world.a.id, user.id)).toBeUndefined();
  });

  it("refuses taking a member out of their last group, or their last role, by any statement", async () => {
    const { user, group } = await seedGroupsOnlyMember(world.a.id, "raw", ["flows.read"]);
    const leave = inTenant(world.a.id, (tx) =>
      tx.delete(tenantGroupMembers).where(and(eq(tenantGroupMembers.tenantId, world.a.id), eq(tenantGroupMembers.groupId, group.id), eq(tenantGroupMembers.userId, user.id))),
    );
    expect(await databaseErrorOf(leave)).toMatch(/at least one group/);
    const viewer = await createUser("raw-viewer");
    await inTenant(world.a.id, (tx) => insertMembership(tx, { userId: viewer.id, roles: ["viewer"] }));
    const demote = inTenant(world.a.id, (tx) => tx.update(memberships).set({ roles: [] }).where(and(eq(memberships.tenantId, world.a.id), eq(memberships.userId, viewer.id))));
    expect(await databaseErrorOf(demote)).toMatch(/at least one group/);
    expect((await membershipOf(world.a.id, viewer.id))!.roles).toEqual(["viewer"]);
  });

  it("accepts roles and groups changed in either order within one transaction, and a membership removed with its groups", async () => {
    const { user, group } = await seedGroupsOnlyMember(world.a.id, "swap", ["flows.read"]);
    await inTenant(world.a.id, async (tx) => {
      await tx.delete(tenantGroupMembers).where(and(eq(tenantGroupMembers.tenantId, world.a.id), eq(tenantGroupMembers.userId, user.id)));
      await tx.update(memberships).set({ roles: ["editor"] }).where(and(eq(memberships.tenantId, world.a.id), eq(memberships.userId, user.id)));
    });
    await inTenant(world.a.id, async (tx) => {
      await tx.update(memberships).set({ roles: [] }).where(and(eq(memberships.tenantId, world.a.id), eq(memberships.userId, user.id)));
      await insertGroupMember(tx, group.id, user.id);
    });
    expect((await membershipOf(world.a.id, user.id))!.roles).toEqual([]);
    await inTenant(world.a.id, (tx) => tx.delete(memberships).where(and(eq(memberships.tenantId, world.a.id), eq(memberships.userId, user.id))));
    expect(await membershipOf(world.a.id, user.id)).toBeUndefined();
  });
});
