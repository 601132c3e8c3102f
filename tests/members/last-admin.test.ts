// A tenant always keeps an active Admin: removing, suspending or demoting the last one is refused,
// also for an Admin acting on themselves, and also when two Admins act on each other at the same
// instant (on PostgreSQL these run as truly parallel transactions; PGlite runs them one after another).
import { describe, expect, it, vi } from "vitest";
import { createTenant } from "../support/fixtures";
import { raceBehindTenantLock } from "../support/forced-race";
import { actingAs } from "../support/session";
import { countActiveAdmins, newMember, snapshot } from "./members-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});

const { changeMemberRoles } = await import("@/app/t/[slug]/members/actions/change-member-roles");
const { suspendMember } = await import("@/app/t/[slug]/members/actions/suspend-member");
const { removeMember } = await import("@/app/t/[slug]/members/actions/remove-member");

const TAKE_ADMIN_AWAY = {
  demote: (slug: string, memberId: string) => changeMemberRoles(slug, null, { memberId, roles: ["viewer"] }),
  suspend: (slug: string, memberId: string) => suspendMember(slug, null, { memberId }),
  remove: (slug: string, memberId: string) => removeMember(slug, null, { memberId }),
};

const OUTCOME = { demote: "lose the Admin role", suspend: "be suspended", remove: "be removed" };

async function tenantWithAdmins(label: string, count: number) {
  const tenant = await createTenant(label);
  const admins = [];
  for (let i = 0; i < count; i++) admins.push(await newMember(tenant.id, `${label}-admin-${i}`, ["admin", "editor"]));
  await newMember(tenant.id, `${label}-viewer`, ["viewer"]);
  return { tenant, admins };
}

describe("the last active Admin", () => {
  for (const [change, call] of Object.entries(TAKE_ADMIN_AWAY)) {
    it(`cannot ${change} themselves`, async () => {
      const { tenant, admins } = await tenantWithAdmins(`self-${change}`, 1);
      const before = await snapshot(tenant.id);
      const result = await actingAs(admins[0]!.user, () => call(tenant.slug, admins[0]!.memberId));
      expect(result).toMatchObject({
        ok: false,
        code: "CONFLICT",
        message: `You are the only active Admin of ${tenant.name}, so you cannot ${OUTCOME[change as keyof typeof OUTCOME]}. Make another member an Admin first.`,
      });
      expect(await snapshot(tenant.id)).toEqual(before);
    });

    it(`cannot ${change} themselves when the only other Admin is suspended`, async () => {
      const { tenant, admins } = await tenantWithAdmins(`suspended-other-${change}`, 1);
      await newMember(tenant.id, "dormant-admin", ["admin"], "suspended");
      const before = await snapshot(tenant.id);
      expect(await actingAs(admins[0]!.user, () => call(tenant.slug, admins[0]!.memberId))).toMatchObject({ ok: false, code: "CONFLICT" });
      expect(await snapshot(tenant.id)).toEqual(before);
    });

    it(`can ${change} one of two Admins, and then not the other`, async () => {
      const { tenant, admins } = await tenantWithAdmins(`two-${change}`, 2);
      const [first, second] = admins as [(typeof admins)[0], (typeof admins)[0]];
      expect(await actingAs(first.user, () => call(tenant.slug, second.memberId))).toMatchObject({ ok: true });
      const result = await actingAs(first.user, () => call(tenant.slug, first.memberId));
      expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
      expect(await countActiveAdmins(tenant.id)).toBe(1);
    });
  }

  it("may keep Admin among other roles: Admin + Viewer instead of Admin + Editor is not a demotion", async () => {
    const { tenant, admins } = await tenantWithAdmins("keep-admin", 1);
    const result = await actingAs(admins[0]!.user, () =>
      changeMemberRoles(tenant.slug, null, { memberId: admins[0]!.memberId, roles: ["viewer", "admin"] }),
    );
    expect(result).toMatchObject({ ok: true });
  });
});

describe("two Admins taking Admin away from each other at the same instant", () => {
  // Each round forces the overlap (tests/support/forced-race.ts); several rounds on top, as before.
  const ROUNDS = 4;
  for (const [change, call] of Object.entries(TAKE_ADMIN_AWAY)) {
    it(`${change}: exactly one succeeds and one active Admin remains`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { tenant, admins } = await tenantWithAdmins(`race-${change}-${round}`, 2);
        const [a, b] = admins as [(typeof admins)[0], (typeof admins)[0]];
        const results = await raceBehindTenantLock(tenant.id, [
          () => actingAs(a.user, () => call(tenant.slug, b.memberId)),
          () => actingAs(b.user, () => call(tenant.slug, a.memberId)),
        ]);
        expect(results.filter((r) => r.ok), `round ${round}`).toHaveLength(1);
        // The loser is refused as the last Admin or, already demoted, suspended or removed by the
        // winner, as a caller who may no longer manage members.
        const loser = results.find((r) => !r.ok);
        expect(["CONFLICT", "FORBIDDEN", "NOT_FOUND"]).toContain(loser && !loser.ok && loser.code);
        expect(await countActiveAdmins(tenant.id), `round ${round}`).toBe(1);
      }
    });
  }
});
