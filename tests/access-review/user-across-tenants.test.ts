// The superadmin's access review of one user across tenants: every tenant the user belongs to, with
// groups, effective permissions and last activity there, each tenant's read recorded in its log; the
// account's two-factor and last sign-in. Anyone else is refused (the page answers 404). And sign-in
// keeps the account's last sign-in time.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { NotSuperadminError, withPlatform, withSystem, withTenant } from "@/db/scopes";
import { activity, users } from "@/db/schema";
import { recordAuthEvent } from "@/db/auth-events";
import { reviewUserAcrossTenants, USER_ACCESS_REASON } from "@/lib/access-review/user-across-tenants";
import { effectivePermissions } from "@/lib/groups/effective-permissions";
import { createUser } from "../support/fixtures";
import { navigationOf } from "../support/navigation";
import { signInAs } from "../support/session";
import { accessReviewWorld } from "./support";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});

const { default: UserAccessPage } = await import("@/app/admin/users/[userId]/access/page");

let world: Awaited<ReturnType<typeof accessReviewWorld>>;
let root: { id: string; email: string };

beforeAll(async () => {
  world = await accessReviewWorld();
  root = await createUser("root", { isSuperadmin: true });
});

const review = (superadminId: string, userId: string) =>
  withPlatform({ superadminId }, (tx, platform) => reviewUserAcrossTenants(tx, platform, userId, `/admin/users/${userId}/access`));

const accessEntries = (tenantId: string) =>
  withTenant({ tenantId, userId: null }, (tx) =>
    tx.select().from(activity).where(and(eq(activity.action, "superadmin.accessed"), eq(activity.actorUserId, root.id), eq(activity.summary, USER_ACCESS_REASON))),
  );

describe("a user's access across tenants", () => {
  it("lists every tenant the user belongs to with groups, permissions and last activity, and records each read there", async () => {
    const result = await review(root.id, world.ada.id);
    expect(result?.account).toMatchObject({ email: world.ada.email, twoFactor: true, lastSignInAt: new Date("2026-03-01T10:00:00Z") });
    const byTenant = Object.fromEntries(result!.tenants.map((row) => [row.tenant.id, row]));
    expect(Object.keys(byTenant).sort()).toEqual([world.a.id, world.b.id].sort());
    expect(byTenant[world.a.id]).toMatchObject({ roles: ["admin"], status: "active", permissions: effectivePermissions({ roles: ["admin"] }), lastActivityAt: new Date("2026-03-01T12:00:00Z") });
    expect(byTenant[world.b.id]).toMatchObject({ roles: ["viewer"], permissions: effectivePermissions({ roles: ["viewer"] }), lastActivityAt: new Date("2026-03-05T12:00:00Z") });
    for (const tenant of [world.a, world.b]) {
      const [entry] = await accessEntries(tenant.id);
      expect(entry).toMatchObject({ targetType: "page", targetId: `/admin/users/${world.ada.id}/access` });
    }
  });

  it("enters no tenant the user does not belong to", async () => {
    const before = (await accessEntries(world.b.id)).length;
    const result = await review(root.id, world.bob.id);
    expect(result!.tenants.map((row) => row.tenant.id)).toEqual([world.a.id]);
    expect(await accessEntries(world.b.id)).toHaveLength(before);
  });

  it("is refused to anyone who is not a superadmin, a tenant's Admin included, and records nothing", async () => {
    const before = (await accessEntries(world.a.id)).length;
    await expect(review(world.ada.id, world.bob.id)).rejects.toBeInstanceOf(NotSuperadminError);
    await expect(review(world.outsider.id, world.ada.id)).rejects.toBeInstanceOf(NotSuperadminError);
    expect(await accessEntries(world.a.id)).toHaveLength(before);
  });

  it("the page is a 404 for non-superadmins, for a malformed id and for no such user", async () => {
    const open = (userId: string) => navigationOf(UserAccessPage({ params: Promise.resolve({ userId }) }));
    signInAs(world.ada);
    expect(await open(world.bob.id)).toMatch(/404/);
    signInAs(null);
    expect(await open(world.bob.id)).toMatch(/404/);
    signInAs(root);
    expect(await open(world.bob.id)).toBe("rendered");
    expect(await open("not-a-uuid")).toMatch(/404/);
    expect(await open("00000000-0000-4000-8000-000000000000")).toMatch(/404/);
  });
});

describe("last sign-in", () => {
  it("is set in the transaction that records the sign-in, and not by a sign-out", async () => {
    const user = await createUser("signs-in");
    const lastSignIn = () => withSystem(async (tx) => (await tx.select({ at: users.lastSignInAt }).from(users).where(eq(users.id, user.id)))[0]!.at);
    expect(await lastSignIn()).toBeNull();
    await withSystem((tx) => recordAuthEvent(tx, { userId: user.id, kind: "signed_out", ip: null }));
    expect(await lastSignIn()).toBeNull();
    await withSystem((tx) => recordAuthEvent(tx, { userId: user.id, kind: "signed_in", ip: null, method: "password" }));
    expect(Date.now() - (await lastSignIn())!.getTime()).toBeLessThan(60_000);
  });
});
