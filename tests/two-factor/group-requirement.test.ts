// Required two-factor for the members of chosen groups (issue 15, item 3): built-in and custom groups
// chosen in Settings; a member of a chosen group who has not enrolled is kept out (pages send them to
// enrol) on their very next request, others are not; deleting a group takes it out of the requirement;
// the action refuses another tenant's group id, an empty choice, and locking out its own caller.
import { describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { activity, tenantGroups, tenants } from "@/db/schema";
import { insertGroupMember } from "@/db/queries/groups";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { navigationOf } from "../support/navigation";
import { signInAs } from "../support/session";
import { groupsSnapshot, inTenant, seedGroup } from "../groups/groups-support";

vi.mock("@/lib/auth", async () => {
  const actual = await vi.importActual<typeof import("@/lib/auth")>("@/lib/auth");
  return { ...actual, auth: async () => (await import("../support/session")).mockedSession() };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { getActor, requireActor, tenantAccessRefusal } = await import("@/lib/actor");
const { setTwoFactorRequirement } = await import("@/app/t/[slug]/settings/actions");
const { deleteGroup } = await import("@/app/t/[slug]/groups/actions/delete-group");

/** A tenant with an enrolled Admin, a Viewer in the custom group "Finance", a Viewer outside it and an Editor. */
async function world() {
  const tenant = await createTenant("tf-groups");
  const [admin, finance, plain, editor] = [await createUser("admin"), await createUser("finance"), await createUser("plain"), await createUser("editor")];
  await addMember(tenant.id, admin.id, ["admin"]);
  await addMember(tenant.id, finance.id, ["viewer"]);
  await addMember(tenant.id, plain.id, ["viewer"]);
  await addMember(tenant.id, editor.id, ["editor"]);
  const group = await seedGroup(tenant.id, ["flows.run"], [finance.id], "Finance");
  return { tenant, admin, finance, plain, editor, group };
}

const asEnrolledAdmin = (admin: { id: string; email: string }) => signInAs(admin, "magic_link", "passed");
const stored = async (tenantId: string) => ({
  tenant: (await withSystem((tx) => tx.select({ required: tenants.twoFactorRequired, roles: tenants.twoFactorRoles }).from(tenants).where(eq(tenants.id, tenantId))))[0]!,
  flagged: (await inTenant(tenantId, (tx) => tx.select({ id: tenantGroups.id }).from(tenantGroups).where(and(eq(tenantGroups.tenantId, tenantId), eq(tenantGroups.twoFactorRequired, true))))).map((g) => g.id),
});

describe("Members of chosen groups", () => {
  it("a custom group chosen: its member without two-factor is kept out on the next request; others go on", async () => {
    const w = await world();
    signInAs(w.finance);
    expect((await getActor(w.tenant.slug))?.tenant.id).toBe(w.tenant.id);
    asEnrolledAdmin(w.admin);
    expect(await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "groups", twoFactorGroups: [w.group.id] })).toMatchObject({ ok: true });
    expect(await stored(w.tenant.id)).toEqual({ tenant: { required: "groups", roles: [] }, flagged: [w.group.id] });

    signInAs(w.finance);
    expect(await getActor(w.tenant.slug)).toBeNull();
    expect(await tenantAccessRefusal(w.tenant.slug)).toBe("two-factor");
    const digest = await navigationOf(requireActor(w.tenant.slug));
    expect(digest).toContain(`/profile?reason=two-factor-required&for=${w.tenant.slug}`);
    signInAs(w.finance, "magic_link", "passed");
    expect((await getActor(w.tenant.slug))?.tenant.id).toBe(w.tenant.id);

    for (const other of [w.plain, w.editor, w.admin]) {
      signInAs(other);
      expect((await getActor(w.tenant.slug))?.tenant.id, other.email).toBe(w.tenant.id);
    }
  });

  it("a built-in group chosen (Editor): Editors must enrol, Viewers need not; a member added to a chosen group must from the next request", async () => {
    const w = await world();
    asEnrolledAdmin(w.admin);
    expect(await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "groups", twoFactorGroups: ["editor"] })).toMatchObject({ ok: true });
    signInAs(w.editor);
    expect(await tenantAccessRefusal(w.tenant.slug)).toBe("two-factor");
    signInAs(w.plain);
    expect(await tenantAccessRefusal(w.tenant.slug)).toBeNull();

    asEnrolledAdmin(w.admin);
    expect(await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "groups", twoFactorGroups: ["editor", w.group.id] })).toMatchObject({ ok: true });
    await inTenant(w.tenant.id, (tx) => insertGroupMember(tx, w.group.id, w.plain.id));
    signInAs(w.plain);
    expect(await tenantAccessRefusal(w.tenant.slug)).toBe("two-factor");
  });

  it("deleting a chosen group takes it out of the requirement: its former members go on", async () => {
    const w = await world();
    asEnrolledAdmin(w.admin);
    await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "groups", twoFactorGroups: [w.group.id] });
    signInAs(w.finance);
    expect(await tenantAccessRefusal(w.tenant.slug)).toBe("two-factor");
    asEnrolledAdmin(w.admin);
    expect(await deleteGroup(w.tenant.slug, null, { groupId: w.group.id })).toMatchObject({ ok: true });
    expect((await stored(w.tenant.id)).flagged).toEqual([]);
    signInAs(w.finance);
    expect(await tenantAccessRefusal(w.tenant.slug)).toBeNull();
  });

  it("another choice clears the chosen groups; one activity entry names them before and after", async () => {
    const w = await world();
    asEnrolledAdmin(w.admin);
    await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "groups", twoFactorGroups: ["admin", w.group.id] });
    expect(await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "admins", twoFactorGroups: [w.group.id] })).toMatchObject({ ok: true });
    expect(await stored(w.tenant.id)).toEqual({ tenant: { required: "admins", roles: [] }, flagged: [] });
    const entries = await inTenant(w.tenant.id, (tx) =>
      tx.select().from(activity).where(and(eq(activity.tenantId, w.tenant.id), eq(activity.action, "tenant.two_factor_requirement_updated"))).orderBy(activity.createdAt, activity.id),
    );
    expect(entries.map((entry) => entry.summary)).toEqual([
      `${w.admin.email} changed who must use two-factor from No one to Members of chosen groups (Admin, Finance)`,
      `${w.admin.email} changed who must use two-factor from Members of chosen groups (Admin, Finance) to Admins`,
    ]);
  });
});

describe("the action refuses", () => {
  it("no group chosen, next to the field; nothing written", async () => {
    const w = await world();
    asEnrolledAdmin(w.admin);
    const result = await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "groups" });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { twoFactorGroups: ["Choose at least one group."] } });
    expect(await stored(w.tenant.id)).toEqual({ tenant: { required: "off", roles: [] }, flagged: [] });
  });

  it("tenant B's group id replayed in tenant A, and malformed ids: not found next to the field, nothing written in either", async () => {
    const w = await world();
    const other = await world();
    const [beforeA, beforeB] = [await groupsSnapshot(w.tenant.id), await groupsSnapshot(other.tenant.id)];
    asEnrolledAdmin(w.admin);
    for (const groupId of [other.group.id, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      const result = await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "groups", twoFactorGroups: ["viewer", groupId] });
      expect(result, groupId).toMatchObject({ ok: false, code: "NOT_FOUND", fieldErrors: { twoFactorGroups: [expect.stringMatching(/does not exist/)] } });
    }
    expect(await stored(w.tenant.id)).toEqual({ tenant: { required: "off", roles: [] }, flagged: [] });
    expect(await groupsSnapshot(w.tenant.id)).toEqual(beforeA);
    expect(await groupsSnapshot(other.tenant.id)).toEqual(beforeB);
  });

  it("an Admin without two-factor choosing a group they are in (Admin, or a custom one): forbidden; one they are not in: allowed", async () => {
    const w = await world();
    await inTenant(w.tenant.id, (tx) => insertGroupMember(tx, w.group.id, w.admin.id));
    signInAs(w.admin);
    for (const chosen of [["admin"], [w.group.id]]) {
      expect(await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "groups", twoFactorGroups: chosen })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await stored(w.tenant.id)).toEqual({ tenant: { required: "off", roles: [] }, flagged: [] });
    expect(await setTwoFactorRequirement(w.tenant.slug, null, { twoFactorRequired: "groups", twoFactorGroups: ["editor"] })).toMatchObject({ ok: true });
  });

  it("the stored choice is held by the database: no other built-in name, nor a requirement outside the list", async () => {
    const w = await world();
    const update = (change: Record<string, unknown>) => withSystem((tx) => tx.update(tenants).set(change).where(eq(tenants.id, w.tenant.id)));
    await expect(update({ twoFactorRoles: ["owner"] })).rejects.toThrow();
    await expect(update({ twoFactorRequired: "sometimes" })).rejects.toThrow();
  });
});
