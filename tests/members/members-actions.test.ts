// What each members action does when it is allowed: the change, its activity entry (actor, member,
// roles before and after), the mail queued with it, and the refusals a user can run into.
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem, withTenant, withUser } from "@/db/scopes";
import { listTenantsOfUser } from "@/db/queries/tenants";
import { approvedDomains, tenants } from "@/db/schema";
import { getActor } from "@/lib/actor";
import { createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { raceBehindTenantLock } from "../support/forced-race";
import { queuedMailTo } from "../support/outbox";
import { actingAs } from "../support/session";
import { activityOf, addMemberWith, membershipById, membershipsOf, newMember, snapshot, tenantWithRoles, userByEmail } from "./members-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
const { addMember } = await import("@/app/t/[slug]/members/actions/add-member");
const { changeMemberRoles } = await import("@/app/t/[slug]/members/actions/change-member-roles");
const { suspendMember } = await import("@/app/t/[slug]/members/actions/suspend-member");
const { reactivateMember } = await import("@/app/t/[slug]/members/actions/reactivate-member");
const { removeMember } = await import("@/app/t/[slug]/members/actions/remove-member");

const switcherOf = (userId: string) => withUser({ userId }, (tx) => listTenantsOfUser(tx, userId));
const newAddress = (label: string, domain = "example.test") => `${label}-${uniqueSuffix()}@${domain}`;

describe("member.add", () => {
  it("creates an account for a new address, normalised, invites it with the chosen roles and queues the invitation with it", async () => {
    const world = await tenantWithRoles("add-new");
    const address = newAddress("New.Person");
    const result = await actingAs(world.admin, () =>
      addMember(world.tenant.slug, null, { email: `  ${address.toUpperCase()}  `, roles: ["admin", "viewer"] }),
    );

    const email = address.toLowerCase();
    expect(result).toMatchObject({ ok: true, data: { email, roles: ["viewer", "admin"] } });
    const account = await userByEmail(email);
    expect(account).toMatchObject({ email, emailVerified: null });
    const membership = (await membershipsOf(world.tenant.id)).find((m) => m.userId === account!.id);
    expect(membership).toMatchObject({ roles: ["viewer", "admin"], status: "invited" });

    const queued = await queuedMailTo(email);
    expect(queued).toHaveLength(1);
    const mail = queued[0]!;
    expect(mail.purpose).toBe("member.add");
    expect(mail.subject).toBe(`You are invited to ${world.tenant.name} on Tenantry`);
    const link = mail.text.match(new RegExp(`http://localhost:3000/join/${world.tenant.slug}\\?token=[A-Za-z0-9_-]{43}`))?.[0];
    expect(link).toBeDefined();
    expect(mail.text).toContain(`${world.admin.email} invited you (${email}) to ${world.tenant.name} as Viewer, Admin`);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain("Accept invitation");

    const [entry] = await activityOf(world.tenant.id, "member.added");
    expect(entry).toMatchObject({
      actorUserId: world.admin.id,
      actorEmail: world.admin.email,
      targetType: "membership",
      targetId: membership!.id,
      details: { memberUserId: account!.id, memberEmail: email, rolesBefore: [], rolesAfter: ["viewer", "admin"], statusAfter: "invited" },
    });
    // Members read the log: it must not say whether the address already had an account.
    expect(entry!.details).not.toHaveProperty("newAccount");
  });

  it("adds an existing account without creating another, and tells them", async () => {
    const world = await tenantWithRoles("add-existing");
    const existing = await createUser("existing");
    const result = await actingAs(world.admin, () => addMember(world.tenant.slug, null, { email: existing.email, roles: "editor" }));
    expect(result).toMatchObject({ ok: true, data: { email: existing.email, roles: ["editor"] } });
    expect((await membershipsOf(world.tenant.id)).find((m) => m.userId === existing.id)).toMatchObject({ roles: ["editor"], status: "invited" });
    expect(await queuedMailTo(existing.email)).toMatchObject([{ to: existing.email, subject: `You are invited to ${world.tenant.name} on Tenantry` }]);
    const details = (await activityOf(world.tenant.id, "member.added"))[0]?.details;
    expect(details).toMatchObject({ memberUserId: existing.id });
    expect(details).not.toHaveProperty("newAccount");
  });

  it("refuses bad input next to the field and writes nothing", async () => {
    const world = await tenantWithRoles("add-invalid");
    const before = await snapshot(world.tenant.id);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ email: "not-an-address", roles: ["viewer"] }, "email", /valid email address/],
      [{ email: "   ", roles: ["viewer"] }, "email", /Enter an email address/],
      [{ email: newAddress("no-roles") }, "roles", /at least one role/],
      [{ email: newAddress("bad-role"), roles: ["owner"] }, "roles", /Viewer, Editor and Admin/],
    ];
    for (const [input, field, message] of cases) {
      const result = await actingAs(world.admin, () => addMember(world.tenant.slug, null, input));
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: "VALIDATION" });
      expect(!result.ok && result.fieldErrors?.[field]?.join(" ")).toMatch(message);
    }
    // FormData from the form: a checkbox group with nothing ticked.
    const form = new FormData();
    form.set("email", newAddress("form"));
    expect(await actingAs(world.admin, () => addMember(world.tenant.slug, null, form))).toMatchObject({ code: "VALIDATION" });
    expect(await snapshot(world.tenant.id)).toEqual(before);
    const typed = [...cases.map(([input]) => String(input.email).trim()), String(form.get("email"))];
    expect(await queuedMailTo(...typed)).toEqual([]);
  });

  it("refuses an existing member clearly, including a suspended one", async () => {
    const world = await tenantWithRoles("add-twice");
    const suspended = await newMember(world.tenant.id, "away", ["viewer"], "suspended");
    const before = await snapshot(world.tenant.id);
    const again = await actingAs(world.admin, () => addMember(world.tenant.slug, null, { email: world.viewer.email.toUpperCase(), roles: ["admin"] }));
    expect(again).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { email: [`${world.viewer.email} is already a member.`] } });
    const away = await actingAs(world.admin, () => addMember(world.tenant.slug, null, { email: suspended.user.email, roles: ["viewer"] }));
    expect(away).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!away.ok && away.message).toMatch(/suspended: reactivate them instead/);
    expect(await snapshot(world.tenant.id)).toEqual(before);
  });

  it("refuses an address outside the tenant's approved domains, naming them", async () => {
    const world = await tenantWithRoles("add-domains");
    await withTenant({ tenantId: world.tenant.id, userId: null }, (tx) =>
      tx.insert(approvedDomains).values([
        { tenantId: world.tenant.id, domain: "corp.example" },
        { tenantId: world.tenant.id, domain: "corp-labs.example" },
      ]),
    );
    const before = await snapshot(world.tenant.id);
    for (const email of [newAddress("outsider", "gmail.example"), newAddress("lookalike", "evil-corp.example"), newAddress("sub", "eng.corp.example")]) {
      const result = await actingAs(world.admin, () => addMember(world.tenant.slug, null, { email, roles: ["viewer"] }));
      expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
      expect(!result.ok && result.message).toBe(`Only addresses at corp-labs.example, corp.example can be added to ${world.tenant.name}.`);
      expect(!result.ok && result.fieldErrors?.email?.[0]).toContain("outside this tenant's approved domains (corp-labs.example, corp.example)");
      expect(await userByEmail(email)).toBeNull();
    }
    expect(await snapshot(world.tenant.id)).toEqual(before);
    const inside = newAddress("insider", "CORP.example");
    expect(await actingAs(world.admin, () => addMember(world.tenant.slug, null, { email: inside, roles: ["viewer"] }))).toMatchObject({ ok: true });
  });

  it("refuses to go beyond the license's member limit, with the reason", async () => {
    const world = await tenantWithRoles("add-limit"); // free license: 10 members
    for (let i = 0; i < 7; i++) await newMember(world.tenant.id, `seat-${i}`);
    const before = await snapshot(world.tenant.id);
    expect(before.memberCount).toBe(10);
    const email = newAddress("eleventh");
    const result = await actingAs(world.admin, () => addMember(world.tenant.slug, null, { email, roles: ["viewer"] }));
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!result.ok && result.message).toBe(
      `${world.tenant.name} has 10 members, the most its Free license allows (10). Remove a member, or ask a platform administrator for a larger license.`,
    );
    expect(await snapshot(world.tenant.id)).toEqual(before);
    expect(await userByEmail(email)).toBeNull();

    await withSystem((tx) => tx.update(tenants).set({ license: "team" }).where(eq(tenants.id, world.tenant.id)));
    expect(await actingAs(world.admin, () => addMember(world.tenant.slug, null, { email, roles: ["viewer"] }))).toMatchObject({ ok: true });
  });

  it("lets only one of two parallel adds take the last seat", async () => {
    const world = await tenantWithRoles("add-race");
    for (let i = 0; i < 6; i++) await newMember(world.tenant.id, `seat-${i}`);
    const results = await raceBehindTenantLock(
      world.tenant.id,
      [newAddress("racer-one"), newAddress("racer-two")].map(
        (email) => () => actingAs(world.admin, () => addMember(world.tenant.slug, null, { email, roles: ["viewer"] })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ code: "CONFLICT" }]);
    expect((await snapshot(world.tenant.id)).memberCount).toBe(10);
  });
});

describe("member.roles_change", () => {
  it("changes the roles, logs before and after, and mails the member", async () => {
    const world = await tenantWithRoles("roles");
    const target = await newMember(world.tenant.id, "promoted", ["viewer"]);
    const result = await actingAs(world.admin, () =>
      changeMemberRoles(world.tenant.slug, null, { memberId: target.memberId, roles: ["editor", "viewer"] }),
    );
    expect(result).toMatchObject({ ok: true, data: { memberId: target.memberId, roles: ["viewer", "editor"], self: false } });
    expect((await membershipById(world.tenant.id, target.memberId))?.roles).toEqual(["viewer", "editor"]);
    const [entry] = await activityOf(world.tenant.id, "member.roles_changed");
    expect(entry).toMatchObject({
      actorUserId: world.admin.id,
      targetId: target.memberId,
      summary: `${world.admin.email} changed ${target.user.email}'s roles from Viewer to Viewer, Editor`,
      details: { memberUserId: target.user.id, memberEmail: target.user.email, rolesBefore: ["viewer"], rolesAfter: ["viewer", "editor"] },
    });
    const [mail] = await queuedMailTo(target.user.email);
    expect(mail).toMatchObject({ to: target.user.email, subject: `Your roles in ${world.tenant.name} changed` });
    expect(mail!.text).toMatch(/from: Viewer\nto: {3}Viewer, Editor/);
    expect(mail!.html).toContain("<strong>Viewer, Editor</strong>");
  });

  it("refuses no roles, and a change that changes nothing", async () => {
    const world = await tenantWithRoles("roles-invalid");
    const before = await snapshot(world.tenant.id);
    const none = await actingAs(world.admin, () => changeMemberRoles(world.tenant.slug, null, { memberId: world.adminMemberId, roles: [] }));
    expect(none).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { roles: ["Choose at least one role or group."] } });
    const viewer = (await membershipsOf(world.tenant.id)).find((m) => m.userId === world.viewer.id)!;
    const same = await actingAs(world.admin, () => changeMemberRoles(world.tenant.slug, null, { memberId: viewer.id, roles: ["viewer"] }));
    expect(same).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot(world.tenant.id)).toEqual(before);
  });

  it("applies on the member's next request: promoted, they may manage; demoted, they may not", async () => {
    const world = await tenantWithRoles("roles-next");
    const member = await newMember(world.tenant.id, "rising", ["viewer"]);
    const victim = await newMember(world.tenant.id, "bystander", ["viewer"]);
    const trySuspend = () => actingAs(member.user, () => suspendMember(world.tenant.slug, null, { memberId: victim.memberId }));
    expect(await trySuspend()).toMatchObject({ ok: false, code: "FORBIDDEN" });

    await actingAs(world.admin, () => changeMemberRoles(world.tenant.slug, null, { memberId: member.memberId, roles: ["admin"] }));
    expect((await actingAs(member.user, () => getActor(world.tenant.slug)))?.roles).toEqual(["admin"]);
    expect(await trySuspend()).toMatchObject({ ok: true });

    await actingAs(world.admin, () => changeMemberRoles(world.tenant.slug, null, { memberId: member.memberId, roles: ["viewer"] }));
    const before = await snapshot(world.tenant.id);
    expect(await actingAs(member.user, () => reactivateMember(world.tenant.slug, null, { memberId: victim.memberId }))).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await snapshot(world.tenant.id)).toEqual(before);
  });

  it("lets an Admin step down while another Admin remains", async () => {
    const world = await tenantWithRoles("roles-self");
    await newMember(world.tenant.id, "second-admin", ["admin"]);
    const result = await actingAs(world.admin, () =>
      changeMemberRoles(world.tenant.slug, null, { memberId: world.adminMemberId, roles: ["editor"] }),
    );
    expect(result).toMatchObject({ ok: true, data: { self: true } });
    expect((await actingAs(world.admin, () => getActor(world.tenant.slug)))?.roles).toEqual(["editor"]);
  });
});

describe("member.suspend and member.reactivate", () => {
  it("blocks the member in this tenant only, keeps their roles, and lets them back in on reactivation", async () => {
    const world = await tenantWithRoles("suspend");
    const elsewhere = await createTenant("elsewhere");
    const member = await newMember(world.tenant.id, "suspendee", ["editor"]);
    await addMemberWith(elsewhere.id, member.user.id, ["viewer"]);

    expect(await actingAs(world.admin, () => suspendMember(world.tenant.slug, null, { memberId: member.memberId }))).toMatchObject({ ok: true });
    expect(await membershipById(world.tenant.id, member.memberId)).toMatchObject({ status: "suspended", roles: ["editor"] });
    expect(await actingAs(member.user, () => getActor(world.tenant.slug))).toBeNull();
    expect(await actingAs(member.user, () => getActor(elsewhere.slug))).not.toBeNull();
    expect((await switcherOf(member.user.id)).map((t) => t.slug)).toEqual([elsewhere.slug]);
    expect((await activityOf(world.tenant.id, "member.suspended"))[0]?.details).toMatchObject({
      memberUserId: member.user.id,
      rolesBefore: ["editor"],
      rolesAfter: ["editor"],
      statusBefore: "active",
      statusAfter: "suspended",
    });

    const before = await snapshot(world.tenant.id);
    expect(await actingAs(world.admin, () => suspendMember(world.tenant.slug, null, { memberId: member.memberId }))).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect(await snapshot(world.tenant.id)).toEqual(before);

    expect(await actingAs(world.admin, () => reactivateMember(world.tenant.slug, null, { memberId: member.memberId }))).toMatchObject({ ok: true });
    expect((await actingAs(member.user, () => getActor(world.tenant.slug)))?.roles).toEqual(["editor"]);
    expect((await switcherOf(member.user.id)).map((t) => t.slug).sort()).toEqual([elsewhere.slug, world.tenant.slug].sort());
    expect((await activityOf(world.tenant.id, "member.reactivated"))[0]?.details).toMatchObject({ statusBefore: "suspended", statusAfter: "active" });
    expect(await actingAs(world.admin, () => reactivateMember(world.tenant.slug, null, { memberId: member.memberId }))).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });
});

describe("member.remove", () => {
  it("ends access to this tenant only; the account and its other tenants stay", async () => {
    const world = await tenantWithRoles("remove");
    const elsewhere = await createTenant("kept");
    const member = await newMember(world.tenant.id, "leaver", ["viewer", "editor"]);
    await addMemberWith(elsewhere.id, member.user.id, ["admin"]);

    const result = await actingAs(world.admin, () => removeMember(world.tenant.slug, null, { memberId: member.memberId }));
    expect(result).toMatchObject({ ok: true, data: { self: false } });
    expect(await membershipById(world.tenant.id, member.memberId)).toBeNull();
    expect(await userByEmail(member.user.email)).not.toBeNull();
    expect(await actingAs(member.user, () => getActor(world.tenant.slug))).toBeNull();
    expect((await actingAs(member.user, () => getActor(elsewhere.slug)))?.roles).toEqual(["admin"]);
    expect((await switcherOf(member.user.id)).map((t) => t.slug)).toEqual([elsewhere.slug]);
    expect((await snapshot(world.tenant.id)).memberCount).toBe(3);
    expect((await activityOf(world.tenant.id, "member.removed"))[0]).toMatchObject({
      actorUserId: world.admin.id,
      summary: `${world.admin.email} removed ${member.user.email}`,
      details: { memberUserId: member.user.id, memberEmail: member.user.email, rolesBefore: ["viewer", "editor"], rolesAfter: [] },
    });
  });
});
