// The members page's role editor with custom groups (issue 15): changeMemberRoles saves a member's
// built-in roles and custom groups in one transaction with one activity entry, attacked: every caller
// (incl. custom-group callers with and without Manage members), another tenant's group id replayed,
// malformed ids, the keep-a-manager rule; the member has the group's permission on their next request;
// the members list shows a member's custom groups and filters by one.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { listGroupsOfMember } from "@/db/queries/groups";
import { listMembers } from "@/db/queries/members";
import { memberships } from "@/db/schema";
import { can } from "@/lib/permissions";
import { membersUrlState, toMemberListQuery } from "@/lib/url-state/members";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";
import { actingAs } from "../support/session";
import { queuedMailTo } from "../support/outbox";
import { entriesOf, groupsSnapshot, inTenant, MEMBERS_MANAGE_EXPECTED, membersManageCallers, seedGroup } from "./groups-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { changeMemberRoles } = await import("@/app/t/[slug]/members/actions/change-member-roles");
const { getActor } = await import("@/lib/actor");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
const callers: Record<string, User | null> = {};

beforeAll(async () => {
  world = await createTwoTenants();
  Object.assign(callers, await membersManageCallers(world));
});

const EXPECTED = MEMBERS_MANAGE_EXPECTED;
const expectOk = (result: { ok: boolean; message?: string }) => expect(result, result.message).toMatchObject({ ok: true });

/** A Viewer of tenant A and a custom group of A they are not in. */
async function target() {
  const user = await createUser("target");
  const membership = await addMember(world.a.id, user.id, ["viewer"]);
  const group = await seedGroup(world.a.id, ["flows.run"]);
  return { user, memberId: membership.id, group };
}

const groupIdsOf = async (tenantId: string, userId: string) => (await inTenant(tenantId, (tx) => listGroupsOfMember(tx, tenantId, userId))).map((g) => g.id);
const rolesOf = async (memberId: string) =>
  (await inTenant(world.a.id, (tx) => tx.select({ roles: memberships.roles }).from(memberships).where(and(eq(memberships.tenantId, world.a.id), eq(memberships.id, memberId)))))[0]!.roles;

describe("roles and custom groups in one save × callers", () => {
  for (const [caller, expected] of Object.entries(EXPECTED)) {
    it(`by ${caller}: ${expected}`, async () => {
      const t = await target();
      const before = await groupsSnapshot(world.a.id);
      const result = await actingAs(callers[caller]!, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["editor"], groups: [t.group.id] }));
      if (expected === "ok") {
        expect(result).toMatchObject({ ok: true, data: { roles: ["editor"], groupIds: [t.group.id] } });
        expect(await rolesOf(t.memberId)).toEqual(["editor"]);
        expect(await groupIdsOf(world.a.id, t.user.id)).toEqual([t.group.id]);
        expect((await groupsSnapshot(world.a.id)).activityEntries).toBe(before.activityEntries + 1);
        return;
      }
      expect(result).toMatchObject({ ok: false, code: expected });
      expect(await groupsSnapshot(world.a.id)).toEqual(before);
      expect(await rolesOf(t.memberId)).toEqual(["viewer"]);
    });
  }
});

describe("what one save writes", () => {
  it("one activity entry naming the roles and groups before and after", async () => {
    const t = await target();
    const kept = await seedGroup(world.a.id, ["flows.write"], [t.user.id], `Kept ${t.group.name}`);
    const result = await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["viewer"], groups: [t.group.id] }));
    expect(result).toMatchObject({ ok: true });
    const entries = (await entriesOf(world.a.id, "member.roles_changed")).filter((entry) => entry.targetId === t.memberId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary).toBe(`${world.adminA.email} changed ${t.user.email}'s roles from Viewer, ${kept.name} to Viewer, ${t.group.name}`);
    expect(entries[0]!.details).toMatchObject({
      rolesBefore: ["viewer"],
      rolesAfter: ["viewer"],
      groupsBefore: [{ id: kept.id, name: kept.name }],
      groupsAfter: [{ id: t.group.id, name: t.group.name }],
    });
    expect(await groupIdsOf(world.a.id, t.user.id)).toEqual([t.group.id]);
  });

  it("the mail to the member says groups where it lists custom groups (text and HTML), and roles where it lists roles only", async () => {
    const t = await target();
    expectOk(await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["viewer"], groups: [t.group.id] })));
    const [mail] = await queuedMailTo(t.user.email);
    expect(mail).toMatchObject({ subject: `Your groups in ${world.a.name} changed` });
    expect(mail!.text).toContain(`changed your groups in ${world.a.name}`);
    expect(mail!.text).toMatch(new RegExp(`from: Viewer\nto: {3}Viewer, ${t.group.name}`));
    expect(mail!.text).not.toContain("roles");
    expect(mail!.html).toContain(`Your groups in ${world.a.name} changed</h1>`);
    expect(mail!.html).toContain("changed your groups in <strong>");
    expect(mail!.html).not.toContain("roles");
    // Roles only, no custom group before or after: the mail keeps saying roles.
    const other = await target();
    expectOk(await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: other.memberId, roles: ["editor"], groups: [] })));
    const [rolesMail] = await queuedMailTo(other.user.email);
    expect(rolesMail).toMatchObject({ subject: `Your roles in ${world.a.name} changed` });
    expect(rolesMail!.html).toContain("changed your roles in <strong>");
  });

  it("the same roles and groups again: refused as no change, nothing written", async () => {
    const t = await target();
    const before = await groupsSnapshot(world.a.id);
    const result = await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["viewer"], groups: [] }));
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await groupsSnapshot(world.a.id)).toEqual(before);
  });

  it("without groups in the input (the API, older clients) the custom groups stay as they are", async () => {
    const t = await target();
    await seedGroup(world.a.id, ["flows.run"], [t.user.id]).then(async (group) => {
      expect(await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["editor"] }))).toMatchObject({ ok: true });
      expect(await groupIdsOf(world.a.id, t.user.id)).toEqual([group.id]);
    });
  });

  it("the member has the group's permission on their very next request, and loses it when unticked", async () => {
    const t = await target();
    const runners = await seedGroup(world.a.id, ["flows.run"]);
    expect(can((await actingAs(t.user, () => getActor(world.a.slug)))!, "flows.run")).toBe(false);
    await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["viewer"], groups: [runners.id] }));
    expect(can((await actingAs(t.user, () => getActor(world.a.slug)))!, "flows.run")).toBe(true);
    await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["viewer"], groups: [] }));
    expect(can((await actingAs(t.user, () => getActor(world.a.slug)))!, "flows.run")).toBe(false);
  });
});

describe("attacks and bad input", () => {
  it("tenant B's group id replayed in tenant A: not found next to the field, nothing written in either tenant", async () => {
    const t = await target();
    const groupB = await seedGroup(world.b.id, ["members.manage"]);
    const [beforeA, beforeB] = [await groupsSnapshot(world.a.id), await groupsSnapshot(world.b.id)];
    const result = await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["editor"], groups: [t.group.id, groupB.id] }));
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND", fieldErrors: { groups: [expect.stringMatching(/does not exist/)] } });
    expect(await groupsSnapshot(world.a.id)).toEqual(beforeA);
    expect(await groupsSnapshot(world.b.id)).toEqual(beforeB);
    expect(await rolesOf(t.memberId)).toEqual(["viewer"]);
  });

  it("malformed group ids are not found, never a database error", async () => {
    const t = await target();
    for (const id of ["not-a-uuid", "", "x".repeat(100), "00000000-0000-0000-0000-000000000000"]) {
      const result = await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["viewer"], groups: [id] }));
      expect(result, id).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
  });

  it("taking the last manager out of their Manage members group is refused (keep-a-manager), nothing written", async () => {
    const tenant = await createTwoTenants();
    const manager = await createUser("only-manager");
    const membership = await addMember(tenant.a.id, manager.id, ["viewer"]);
    const managers = await seedGroup(tenant.a.id, ["members.manage"], [manager.id]);
    // The tenant's Admin leaves the Admin role first: the group member is the only manager left.
    const adminMembership = (await inTenant(tenant.a.id, (tx) => tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, tenant.adminA.id))))[0]!;
    expect(await actingAs(tenant.adminA, () => changeMemberRoles(tenant.a.slug, null, { memberId: adminMembership.id, roles: ["viewer"] }))).toMatchObject({ ok: true });
    const before = await groupsSnapshot(tenant.a.id);
    const result = await actingAs(manager, () => changeMemberRoles(tenant.a.slug, null, { memberId: membership.id, roles: ["editor"], groups: [] }));
    expect(result).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/nobody active could manage/) });
    expect(await groupsSnapshot(tenant.a.id)).toEqual(before);
    expect(await groupIdsOf(tenant.a.id, manager.id)).toEqual([managers.id]);
  });
});

describe("the members list", () => {
  it("shows each member's custom groups, and the Role filter takes a custom group's id", async () => {
    const t = await target();
    await actingAs(world.adminA, () => changeMemberRoles(world.a.slug, null, { memberId: t.memberId, roles: ["viewer"], groups: [t.group.id] }));
    const query = toMemberListQuery(membersUrlState.parse({ role: t.group.id }));
    expect([query.groupId, query.role]).toEqual([t.group.id, undefined]);
    const { rows, total } = await inTenant(world.a.id, (tx) => listMembers(tx, query));
    expect(total).toBe(1);
    expect(rows.map((row) => ({ id: row.id, groups: row.groups }))).toEqual([{ id: t.memberId, groups: [{ id: t.group.id, name: t.group.name }] }]);
  });

  it("a group id of tenant B filters tenant A's list to nobody", async () => {
    const groupB = await seedGroup(world.b.id, ["flows.run"], [world.adminB.id]);
    const { rows, total } = await inTenant(world.a.id, (tx) => listMembers(tx, toMemberListQuery(membersUrlState.parse({ role: groupB.id }))));
    expect({ rows, total }).toEqual({ rows: [], total: 0 });
  });

  it("a role filter that is neither a role nor an id is no filter", () => {
    const unknown = toMemberListQuery(membersUrlState.parse({ role: "owner" }));
    expect([unknown.role, unknown.groupId]).toEqual([undefined, undefined]);
    const admin = toMemberListQuery(membersUrlState.parse({ role: "admin" }));
    expect([admin.role, admin.groupId]).toEqual(["admin", undefined]);
  });
});
