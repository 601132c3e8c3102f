// Every members action × every kind of caller, with the answer each must get. A refusal must change
// nothing: not the tenant's memberships, not its log, not its member counter, and no account is created.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { MemberRole } from "@/db/schema";
import { withTenant } from "@/db/scopes";
import { deleteMember } from "@/db/queries/members";
import { createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { queuedMailTo } from "../support/outbox";
import { actingAs } from "../support/session";
import { membershipById, newMember, snapshot, tenantWithRoles, userByEmail, type TestUser } from "./members-support";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});

const { addMember } = await import("@/app/t/[slug]/members/actions/add-member");
const { changeMemberRoles } = await import("@/app/t/[slug]/members/actions/change-member-roles");
const { suspendMember } = await import("@/app/t/[slug]/members/actions/suspend-member");
const { reactivateMember } = await import("@/app/t/[slug]/members/actions/reactivate-member");
const { removeMember } = await import("@/app/t/[slug]/members/actions/remove-member");
const { resendInvitation } = await import("@/app/t/[slug]/members/actions/resend-invitation");
const { revokeInvitation } = await import("@/app/t/[slug]/members/actions/revoke-invitation");
const { registeredActions } = await import("@/lib/actions/core");

// Every module in the members actions folder, so an action added there without a row in this
// matrix fails the coverage test below.
const ACTIONS_FOLDER = path.resolve(import.meta.dirname, "../../app/t/[slug]/members/actions");
for (const file of fs.readdirSync(ACTIONS_FOLDER).filter((name) => name.endsWith(".ts"))) await import(path.join(ACTIONS_FOLDER, file));

type World = Awaited<ReturnType<typeof tenantWithRoles>> & { other: Awaited<ReturnType<typeof createTwoTenants>> };
let world: World;
const callers: Record<string, () => TestUser | null> = {};

beforeAll(async () => {
  world = { ...(await tenantWithRoles("matrix")), other: await createTwoTenants() };
  const suspendedAdmin = await newMember(world.tenant.id, "suspended-admin", ["admin"], "suspended");
  const removedAdmin = await newMember(world.tenant.id, "removed-admin", ["admin"]);
  await withTenant({ tenantId: world.tenant.id, userId: null }, (tx) => deleteMember(tx, removedAdmin.memberId));
  Object.assign(callers, {
    "Viewer of this tenant": () => world.viewer,
    "Editor of this tenant": () => world.editor,
    "Admin of this tenant": () => world.admin,
    "Admin of another tenant": () => world.other.adminA,
    "suspended Admin of this tenant": () => suspendedAdmin.user,
    "removed Admin of this tenant": () => removedAdmin.user,
    "signed-out visitor": () => null,
  });
});

const EXPECTED: Record<string, "ok" | "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED"> = {
  "Viewer of this tenant": "FORBIDDEN",
  "Editor of this tenant": "FORBIDDEN",
  "Admin of this tenant": "ok",
  "Admin of another tenant": "NOT_FOUND",
  "suspended Admin of this tenant": "NOT_FOUND",
  "removed Admin of this tenant": "NOT_FOUND",
  "signed-out visitor": "UNAUTHENTICATED",
};

/**
 * Each action with a fresh target, and what its success must have done. `email` is the address the
 * add uses (a refusal must not have created its account).
 */
const ACTIONS = {
  "member.add": {
    async prepare() {
      return { memberId: "", email: `matrix-new-${uniqueSuffix()}@example.test` };
    },
    call: (slug: string, t: { email: string }) => addMember(slug, null, { email: t.email, roles: ["editor"] }),
    async succeeded(t: { email: string }) {
      expect(await userByEmail(t.email)).not.toBeNull();
    },
  },
  "member.roles_change": {
    prepare: () => target(["viewer"]),
    call: (slug: string, t: { memberId: string }) => changeMemberRoles(slug, null, { memberId: t.memberId, roles: ["editor"] }),
    async succeeded(t: { memberId: string }) {
      expect((await membershipById(world.tenant.id, t.memberId))?.roles).toEqual(["editor"]);
    },
  },
  "member.suspend": {
    prepare: () => target(["viewer"]),
    call: (slug: string, t: { memberId: string }) => suspendMember(slug, null, { memberId: t.memberId }),
    async succeeded(t: { memberId: string }) {
      expect((await membershipById(world.tenant.id, t.memberId))?.status).toBe("suspended");
    },
  },
  "member.reactivate": {
    prepare: () => target(["viewer"], "suspended"),
    call: (slug: string, t: { memberId: string }) => reactivateMember(slug, null, { memberId: t.memberId }),
    async succeeded(t: { memberId: string }) {
      expect((await membershipById(world.tenant.id, t.memberId))?.status).toBe("active");
    },
  },
  "member.remove": {
    prepare: () => target(["viewer"]),
    call: (slug: string, t: { memberId: string }) => removeMember(slug, null, { memberId: t.memberId }),
    async succeeded(t: { memberId: string }) {
      expect(await membershipById(world.tenant.id, t.memberId)).toBeNull();
    },
  },
  "member.invitation_resend": {
    prepare: () => target(["viewer"], "invited"),
    call: (slug: string, t: { memberId: string }) => resendInvitation(slug, null, { memberId: t.memberId }),
    async succeeded(t: { memberId: string; email: string }) {
      expect((await queuedMailTo(t.email)).map((m) => m.purpose)).toEqual(["member.invitation_resend"]);
    },
  },
  "member.invitation_revoke": {
    prepare: () => target(["viewer"], "invited"),
    call: (slug: string, t: { memberId: string }) => revokeInvitation(slug, null, { memberId: t.memberId }),
    async succeeded(t: { memberId: string }) {
      expect(await membershipById(world.tenant.id, t.memberId)).toBeNull();
    },
  },
};

async function target(roles: MemberRole[], status: "invited" | "active" | "suspended" = "active") {
  const { user, memberId } = await newMember(world.tenant.id, "target", roles, status);
  return { memberId, email: user.email };
}

describe("members actions × callers", () => {
  it("covers every members action there is", () => {
    const registered = [...registeredActions.keys()].filter((name) => name.startsWith("member."));
    expect(registered.sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const name of registered) expect(registeredActions.get(name)).toEqual({ scope: "tenant", permission: "members.manage" });
  });

  for (const [actionName, action] of Object.entries(ACTIONS)) {
    for (const caller of Object.keys(EXPECTED)) {
      const expected = EXPECTED[caller]!;
      it(`${actionName} by ${caller}: ${expected}`, async () => {
        const t = await action.prepare();
        const before = await snapshot(world.tenant.id);
        const result = await actingAs(callers[caller]!(), () => action.call(world.tenant.slug, t as never));
        if (expected === "ok") {
          expect(result).toMatchObject({ ok: true });
          await action.succeeded(t as never);
          expect((await snapshot(world.tenant.id)).activityEntries).toBe(Number(before.activityEntries) + 1);
          return;
        }
        expect(result).toMatchObject({ ok: false, code: expected });
        expect(await snapshot(world.tenant.id)).toEqual(before);
        if (actionName === "member.add") expect(await userByEmail(t.email)).toBeNull();
      });
    }
  }
});

describe("member ids from another tenant", () => {
  // Tenant B's member, aimed at through tenant A's URL by A's Admin: not found, and B is untouched.
  const byId = {
    "member.roles_change": (slug: string, memberId: string) => changeMemberRoles(slug, null, { memberId, roles: ["admin"] }),
    "member.suspend": (slug: string, memberId: string) => suspendMember(slug, null, { memberId }),
    "member.reactivate": (slug: string, memberId: string) => reactivateMember(slug, null, { memberId }),
    "member.remove": (slug: string, memberId: string) => removeMember(slug, null, { memberId }),
  };

  for (const [actionName, call] of Object.entries(byId)) {
    it(`${actionName} answers NOT_FOUND and changes nothing in either tenant`, async () => {
      const { a, b, adminA } = world.other;
      const victim = await newMember(b.id, "victim", ["viewer"], actionName === "member.reactivate" ? "suspended" : "active");
      const [beforeA, beforeB] = [await snapshot(a.id), await snapshot(b.id)];
      const result = await actingAs(adminA, () => call(a.slug, victim.memberId));
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await snapshot(a.id)).toEqual(beforeA);
      expect(await snapshot(b.id)).toEqual(beforeB);
    });
  }

  it("answers NOT_FOUND for ids that are not ids at all", async () => {
    const before = await snapshot(world.tenant.id);
    for (const memberId of ["", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "' or 1=1 --"]) {
      const result = await actingAs(world.admin, () => removeMember(world.tenant.slug, null, { memberId }));
      expect(result, memberId).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await snapshot(world.tenant.id)).toEqual(before);
  });
});
