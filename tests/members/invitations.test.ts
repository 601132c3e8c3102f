// Add member reveals other tenants' accounts (issue 10, item 5). Adding an address used to show the
// Admin and every Viewer the account's display name and whether it had ever signed in (anywhere).
// Now the membership is Invited, with its own mailed invitation, until the member accepts; the tenant
// sees only the address typed. Invitation links work once, only for the tenant they name, only for the
// invited account, only until they expire, are replaced or are revoked.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { listMembers } from "@/db/queries/members";
import { memberInvitations, users } from "@/db/schema";
import { getActor } from "@/lib/actor";
import { createUser, uniqueSuffix } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";
import { actingAs } from "../support/session";
import { activityOf, membershipById, newMember, tenantWithRoles, type TestUser } from "./members-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});

const { addMember } = await import("@/app/t/[slug]/members/actions/add-member");
const { resendInvitation } = await import("@/app/t/[slug]/members/actions/resend-invitation");
const { revokeInvitation } = await import("@/app/t/[slug]/members/actions/revoke-invitation");
const { suspendMember } = await import("@/app/t/[slug]/members/actions/suspend-member");
const { reactivateMember } = await import("@/app/t/[slug]/members/actions/reactivate-member");
const { acceptInvitation } = await import("@/app/join/[slug]/actions");

type World = Awaited<ReturnType<typeof tenantWithRoles>>;
let a: World;
let b: World;
/** A real, named account that has signed in: a member of tenant B only. */
let victor: TestUser;
const VICTOR_NAME = `Victor Secretname ${uniqueSuffix()}`;

beforeAll(async () => {
  a = await tenantWithRoles("inv-a");
  b = await tenantWithRoles("inv-b");
  victor = await createUser("victor");
  await withSystem((tx) => tx.update(users).set({ name: VICTOR_NAME, emailVerified: new Date() }).where(eq(users.id, victor.id)));
  await newMember(b.tenant.id, "b-filler");
  const { addMemberWith } = await import("./members-support");
  await addMemberWith(b.tenant.id, victor.id, ["editor"]);
});

/** The member list as the page reads it, for the tenant of `world`. */
const listOf = (world: World, search?: string) =>
  withTenant({ tenantId: world.tenant.id, userId: world.viewer.id }, (tx) =>
    listMembers(tx, { page: 1, size: 100, sort: "name", dir: "asc", ...(search ? { search } : {}) }),
  );

/** The newest invitation link mailed to `email`: its slug and token. */
async function invitationLinkTo(email: string) {
  const mail = (await queuedMailTo(email)).filter((m) => m.purpose === "member.add" || m.purpose === "member.invitation_resend").at(-1);
  const match = mail?.text.match(/https?:\/\/\S+\/join\/([^?\s]+)\?token=([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no invitation link mailed to ${email}`);
  return { slug: decodeURIComponent(match[1]!), token: match[2]! };
}

const accept = (user: TestUser, slug: string, token: string) => actingAs(user, () => acceptInvitation(null, { slug, token }));

describe("adding an existing account of another tenant", () => {
  it("shows the tenant only the address typed: no name, no 'has signed in', not found by name, not sorted by it", async () => {
    const added = await actingAs(a.admin, () => addMember(a.tenant.slug, null, { email: victor.email, roles: ["viewer"] }));
    const fresh = `fresh-${uniqueSuffix()}@example.test`;
    const addedFresh = await actingAs(a.admin, () => addMember(a.tenant.slug, null, { email: fresh, roles: ["viewer"] }));
    expect(added.ok && addedFresh.ok).toBe(true);
    // The Admin's answer for a known account and for a brand-new address says the same.
    expect(added.ok && added.message?.replace(victor.email, "X")).toBe(addedFresh.ok && addedFresh.message?.replace(fresh, "X"));

    // What every Viewer (and the Admin) sees in the list.
    const { rows } = await listOf(a);
    const shown = rows.find((r) => r.email === victor.email);
    const shownFresh = rows.find((r) => r.email === fresh);
    expect(shown).toMatchObject({ name: null, status: "invited" });
    expect(shownFresh).toMatchObject({ name: null, status: "invited" });
    expect(JSON.stringify(rows)).not.toContain(VICTOR_NAME);
    expect((await listOf(a, "Secretname")).rows).toEqual([]);

    // The activity entry every member can read says nothing of the account either.
    const entry = (await activityOf(a.tenant.id, "member.added")).find((e) => e.targetId === shown!.id);
    expect(JSON.stringify(entry)).not.toContain(VICTOR_NAME);
    expect(entry!.details).toMatchObject({ statusAfter: "invited" });

    // And Invited is not yet a member: the tenant does not open for them.
    expect(await actingAs(victor, () => getActor(a.tenant.slug))).toBeNull();
    // In B, where Victor is an active member, nothing changed.
    expect((await listOf(b)).rows.find((r) => r.email === victor.email)).toMatchObject({ name: VICTOR_NAME, status: "active" });
  });
});

describe("accepting an invitation", () => {
  it("by the invited account, through the mailed link: Active, named, in the tenant, logged; the link works once", async () => {
    const person = await createUser("joiner");
    const added = await actingAs(a.admin, () => addMember(a.tenant.slug, null, { email: person.email, roles: ["editor"] }));
    const memberId = added.ok ? added.data.memberId : "";
    const { slug, token } = await invitationLinkTo(person.email);
    expect(slug).toBe(a.tenant.slug);
    // Only a SHA-256 of the token is stored.
    const stored = await withTenant({ tenantId: a.tenant.id, userId: null }, (tx) =>
      tx.select().from(memberInvitations).where(eq(memberInvitations.membershipId, memberId)),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);
    const days = (stored[0]!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    expect(await accept(person, slug, token)).toMatchObject({ ok: true, data: { slug: a.tenant.slug } });
    expect(await membershipById(a.tenant.id, memberId)).toMatchObject({ status: "active" });
    expect((await listOf(a)).rows.find((r) => r.email === person.email)).toMatchObject({ name: "joiner", status: "active" });
    expect(await actingAs(person, () => getActor(a.tenant.slug))).not.toBeNull();
    expect((await activityOf(a.tenant.id, "member.joined")).find((e) => e.targetId === memberId)).toMatchObject({ actorUserId: person.id });

    expect(await accept(person, slug, token)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("refuses tenant A's token at /join/<B>, even for an account invited to B too", async () => {
    const person = await createUser("two-invites");
    await actingAs(a.admin, () => addMember(a.tenant.slug, null, { email: person.email, roles: ["viewer"] }));
    const fromA = await invitationLinkTo(person.email);
    const addedToB = await actingAs(b.admin, () => addMember(b.tenant.slug, null, { email: person.email, roles: ["viewer"] }));
    const bMemberId = addedToB.ok ? addedToB.data.memberId : "";

    expect(await accept(person, b.tenant.slug, fromA.token)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await membershipById(b.tenant.id, bMemberId)).toMatchObject({ status: "invited" });
    expect(await accept(person, `${b.tenant.slug}-nope`, fromA.token)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // The right tenant still takes it.
    expect(await accept(person, a.tenant.slug, fromA.token)).toMatchObject({ ok: true });
  });

  it("refuses another signed-in account holding the link, changing nothing", async () => {
    const person = await createUser("intended");
    const added = await actingAs(a.admin, () => addMember(a.tenant.slug, null, { email: person.email, roles: ["admin"] }));
    const { token } = await invitationLinkTo(person.email);
    const thief = await createUser("thief");
    expect(await accept(thief, a.tenant.slug, token)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await membershipById(a.tenant.id, added.ok ? added.data.memberId : "")).toMatchObject({ status: "invited" });
    expect(await actingAs(thief, () => getActor(a.tenant.slug))).toBeNull();
    expect(await accept(person, a.tenant.slug, token)).toMatchObject({ ok: true });
  });

  it("refuses an expired token, a replaced one and a revoked one", async () => {
    const person = await createUser("late");
    const added = await actingAs(a.admin, () => addMember(a.tenant.slug, null, { email: person.email, roles: ["viewer"] }));
    const memberId = added.ok ? added.data.memberId : "";
    const first = await invitationLinkTo(person.email);
    await withTenant({ tenantId: a.tenant.id, userId: null }, (tx) =>
      tx
        .update(memberInvitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(and(eq(memberInvitations.tenantId, a.tenant.id), eq(memberInvitations.membershipId, memberId))),
    );
    expect(await accept(person, a.tenant.slug, first.token)).toMatchObject({ ok: false, code: "NOT_FOUND" });

    // "Resend invitation": a new link; the old one (even were it unexpired) is closed.
    expect(await actingAs(a.admin, () => resendInvitation(a.tenant.slug, null, { memberId }))).toMatchObject({ ok: true });
    const second = await invitationLinkTo(person.email);
    expect(second.token).not.toBe(first.token);
    expect((await activityOf(a.tenant.id, "member.invitation_resent")).some((e) => e.targetId === memberId)).toBe(true);
    await actingAs(a.admin, () => resendInvitation(a.tenant.slug, null, { memberId }));
    const third = await invitationLinkTo(person.email);
    expect(await accept(person, a.tenant.slug, second.token)).toMatchObject({ ok: false, code: "NOT_FOUND" });

    // "Revoke invitation": the link stops working and the membership goes.
    expect(await actingAs(a.admin, () => revokeInvitation(a.tenant.slug, null, { memberId }))).toMatchObject({ ok: true });
    expect(await accept(person, a.tenant.slug, third.token)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await membershipById(a.tenant.id, memberId)).toBeNull();
    expect((await activityOf(a.tenant.id, "member.invitation_revoked")).some((e) => e.targetId === memberId)).toBe(true);
  });

  it("only Admins resend or revoke; an Invited member is neither suspended nor reactivated into Active", async () => {
    const person = await createUser("pending");
    const added = await actingAs(a.admin, () => addMember(a.tenant.slug, null, { email: person.email, roles: ["viewer"] }));
    const memberId = added.ok ? added.data.memberId : "";
    expect(await actingAs(a.viewer, () => resendInvitation(a.tenant.slug, null, { memberId }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await actingAs(a.editor, () => revokeInvitation(a.tenant.slug, null, { memberId }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await actingAs(b.admin, () => revokeInvitation(a.tenant.slug, null, { memberId }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await actingAs(a.admin, () => reactivateMember(a.tenant.slug, null, { memberId }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await actingAs(a.admin, () => suspendMember(a.tenant.slug, null, { memberId }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await membershipById(a.tenant.id, memberId)).toMatchObject({ status: "invited" });
  });
});
