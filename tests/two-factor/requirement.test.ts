// Required two-factor (issue 15, item 3), checked on every request like the login policy: a tenant
// requiring it of everyone or of its Admins keeps out a member without it (pages send them to enrol,
// actions refuse and change nothing), and lets in one with it; superadmins may require it of all
// superadmins. Non-members still get the plain 404, so the requirement reveals nothing.
import { describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { withPlatform, withSystem, withUser } from "@/db/scopes";
import { insertSession, isSuperadminSession } from "@/db/queries/sessions";
import { markSecondFactorPassed } from "@/db/queries/two-factor";
import { setSuperadminTwoFactorRequired } from "@/db/queries/platform-settings";
import { activity, platformSettings, tenants, type TwoFactorRequirement } from "@/db/schema";
import { startEnrolment, confirmEnrolment, twoFactorState } from "@/lib/two-factor/enrolment";
import { addMember, createTenant, createUser, databaseErrorOf, uniqueSuffix } from "../support/fixtures";
import { navigationOf } from "../support/navigation";
import { signInAs } from "../support/session";
import { codeFor } from "./support";

// auth() answers the test's session; Auth.js's own handlers (the session endpoint) stay real.
vi.mock("@/lib/auth", async () => {
  const actual = await vi.importActual<typeof import("@/lib/auth")>("@/lib/auth");
  return { ...actual, auth: async () => (await import("../support/session")).mockedSession() };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { getActor, requireActor, tenantAccessRefusal } = await import("@/lib/actor");
const { updateGeneralSettings, setTwoFactorRequirement } = await import("@/app/t/[slug]/settings/actions");
const { setSuperadminTwoFactor } = await import("@/app/admin/users/actions");
const { withPlatformPage } = await import("@/lib/platform-page");
const { findSuperadminVisit } = await import("@/lib/superadmin-access");
const { handlers } = await import("@/lib/auth");

type User = { id: string; email: string };


const redirectTarget = (digest: string) => new URL(digest.split(";")[2]!, "http://app.test");

async function tenantRequiring(requirement: TwoFactorRequirement) {
  const tenant = await createTenant(`tf-${requirement}`);
  await withSystem((tx) => tx.update(tenants).set({ twoFactorRequired: requirement }).where(eq(tenants.id, tenant.id)));
  const [viewer, admin] = [await createUser("viewer"), await createUser("admin")];
  await addMember(tenant.id, viewer.id, ["viewer"]);
  await addMember(tenant.id, admin.id, ["admin"]);
  return { tenant, viewer, admin };
}

/** A user with confirmed two-factor (set up directly). */
async function enrolledUser(label: string, extra: { isSuperadmin?: boolean } = {}): Promise<User> {
  const user = await createUser(label, extra);
  const secret = await withSystem(async (tx) => {
    await startEnrolment(tx, user.id);
    const state = await twoFactorState(tx, user);
    return state.status === "pending" ? state.enrolment.secret : "";
  });
  if (!(await withSystem((tx) => confirmEnrolment(tx, user.id, codeFor(secret))))) throw new Error("setup: not confirmed");
  return user;
}

describe("a tenant's two-factor requirement", () => {
  it("\"everyone\": keeps out a member without two-factor and lets in one who has it and passed it", async () => {
    const { tenant, viewer } = await tenantRequiring("everyone");
    signInAs(viewer);
    expect(await getActor(tenant.slug)).toBeNull();
    expect(await tenantAccessRefusal(tenant.slug)).toBe("two-factor");
    signInAs(viewer, "magic_link", "passed");
    expect((await getActor(tenant.slug))?.tenant.id).toBe(tenant.id);
    expect(await tenantAccessRefusal(tenant.slug)).toBeNull();
  });

  it("\"admins\": keeps out an Admin without two-factor, lets a Viewer in", async () => {
    const { tenant, viewer, admin } = await tenantRequiring("admins");
    signInAs(admin);
    expect(await getActor(tenant.slug)).toBeNull();
    signInAs(viewer);
    expect((await getActor(tenant.slug))?.tenant.id).toBe(tenant.id);
  });

  it("\"off\": lets everyone in", async () => {
    const { tenant, admin } = await tenantRequiring("off");
    signInAs(admin);
    expect((await getActor(tenant.slug))?.tenant.id).toBe(tenant.id);
  });

  it("sends a member without it to enrol on the profile before any page of the tenant renders", async () => {
    const { tenant, viewer } = await tenantRequiring("everyone");
    signInAs(viewer);
    const url = redirectTarget(await navigationOf(requireActor(tenant.slug)));
    expect(url.pathname).toBe("/profile");
    expect(Object.fromEntries(url.searchParams)).toEqual({ reason: "two-factor-required", for: tenant.slug });
    signInAs(viewer, "magic_link", "passed");
    expect((await requireActor(tenant.slug)).tenant.id).toBe(tenant.id);
  });

  it("answers 404 to a non-member of a tenant that requires it, as for any tenant they cannot see", async () => {
    const { tenant } = await tenantRequiring("everyone");
    signInAs(await createUser("outsider"));
    expect(await navigationOf(requireActor(tenant.slug))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await tenantAccessRefusal(tenant.slug)).toBeNull();
  });

  it("refuses a member's action without two-factor, changing nothing", async () => {
    const { tenant, admin } = await tenantRequiring("everyone");
    signInAs(admin);
    const result = await updateGeneralSettings(tenant.slug, null, { name: "Renamed", contactEmail: "" });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/requires two-factor/) });
    expect((await withSystem((tx) => tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenant.id))))[0]!.name).toBe(tenant.name);
    signInAs(admin, "magic_link", "passed");
    expect(await updateGeneralSettings(tenant.slug, null, { name: "Renamed", contactEmail: "" })).toMatchObject({ ok: true });
  });

  it("applies to a visiting superadmin too (they enter with Admin powers)", async () => {
    const { tenant } = await tenantRequiring("admins");
    signInAs(await createUser("root", { isSuperadmin: true }));
    expect(await getActor(tenant.slug)).toBeNull();
    expect(await tenantAccessRefusal(tenant.slug)).toBe("two-factor");
  });
});

describe("the Settings action", () => {
  const entries = (tenantId: string) =>
    withSystem(async (tx) => {
      const { enterTenant } = await import("@/db/scopes");
      const inTenant = await enterTenant(tx, { tenantId, userId: null });
      return inTenant.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, "tenant.two_factor_requirement_updated")));
    });
  const requirementOf = async (tenantId: string) =>
    (await withSystem((tx) => tx.select({ r: tenants.twoFactorRequired }).from(tenants).where(eq(tenants.id, tenantId))))[0]!.r;

  it("lets an Admin with two-factor require it, writing the before and after", async () => {
    const { tenant, admin } = await tenantRequiring("off");
    signInAs(admin, "magic_link", "passed");
    expect(await setTwoFactorRequirement(tenant.slug, null, { twoFactorRequired: "admins" })).toMatchObject({ ok: true });
    expect(await requirementOf(tenant.id)).toBe("admins");
    const [entry] = await entries(tenant.id);
    expect(entry).toMatchObject({ actorUserId: admin.id, details: { before: { twoFactorRequired: "off" }, after: { twoFactorRequired: "admins" } } });
  });

  it("refuses an Admin without two-factor who would require it of themselves, changing nothing", async () => {
    const { tenant, admin } = await tenantRequiring("off");
    signInAs(admin);
    for (const requirement of ["admins", "everyone"]) {
      expect(await setTwoFactorRequirement(tenant.slug, null, { twoFactorRequired: requirement })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await requirementOf(tenant.id)).toBe("off");
    expect(await entries(tenant.id)).toHaveLength(0);
  });

  it("refuses Viewers, Admins of another tenant and values outside the list", async () => {
    const { tenant, viewer, admin } = await tenantRequiring("off");
    signInAs(viewer, "magic_link", "passed");
    expect(await setTwoFactorRequirement(tenant.slug, null, { twoFactorRequired: "everyone" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const elsewhere = await tenantRequiring("off");
    signInAs(elsewhere.admin, "magic_link", "passed");
    expect(await setTwoFactorRequirement(tenant.slug, null, { twoFactorRequired: "everyone" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(admin, "magic_link", "passed");
    expect(await setTwoFactorRequirement(tenant.slug, null, { twoFactorRequired: "sometimes" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await requirementOf(tenant.id)).toBe("off");
  });
});

describe("requiring two-factor of superadmins", () => {
  it("sends a superadmin without it to enrol, refuses their console actions and their tenant visits; one with it goes on", async () => {
    const enrolled = await enrolledUser("root-2fa", { isSuperadmin: true });
    const bare = await createUser("root-bare", { isSuperadmin: true });
    const tenant = await createTenant("visited");
    signInAs(bare);
    expect(await setSuperadminTwoFactor(null, { required: "true" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(enrolled, "magic_link", "passed");
    expect(await setSuperadminTwoFactor(null, { required: "true" })).toMatchObject({ ok: true });
    try {
      signInAs(bare);
      const url = redirectTarget(await navigationOf(withPlatformPage(async () => "console")));
      expect(`${url.pathname}?${url.searchParams}`).toBe("/profile?reason=two-factor-required&for=admin");
      expect(await setSuperadminTwoFactor(null, { required: "false" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      const visit = (user: User, twoFactorEnabled: boolean) =>
        withUser({ userId: user.id }, (tx) => findSuperadminVisit(tx, { ...user, authMethod: "magic_link", twoFactorEnabled, ssoTenantId: null }, tenant.slug));
      expect(await visit(bare, false)).toBeNull();
      // A non-superadmin still gets the plain 404: the requirement does not reveal the console.
      signInAs(await createUser("nobody"));
      expect(await navigationOf(withPlatformPage(async () => "console"))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
      signInAs(enrolled, "magic_link", "passed");
      expect(await withPlatformPage(async () => "console")).toBe("console");
      expect((await visit(enrolled, true))?.tenant.id).toBe(tenant.id);
    } finally {
      await withPlatform({ superadminId: enrolled.id }, (tx) => setSuperadminTwoFactorRequired(tx, false));
    }
  });

  it("lets only the console's role change the setting", async () => {
    expect(await databaseErrorOf(withSystem((tx) => tx.update(platformSettings).set({ superadminTwoFactorRequired: true })))).toMatch(/permission denied/);
  });
});

describe("sessions of a user with two-factor", () => {
  const ORIGIN = "http://localhost:3000";
  async function sessionEndpoint(sessionToken: string) {
    const response = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie: `authjs.session-token=${sessionToken}` } }));
    return (await response.json()) as Record<string, unknown> | null;
  }

  it("are pending until the second factor passes; a user without it is \"off\"; the console stays hidden meanwhile", async () => {
    const root = await enrolledUser("session-root", { isSuperadmin: true });
    const plain = await createUser("session-plain");
    const [token, plainToken] = [`tf-${uniqueSuffix()}`, `tf-${uniqueSuffix()}`];
    await withSystem(async (tx) => {
      await insertSession(tx, { sessionToken: token, userId: root.id, expires: new Date(Date.now() + 3_600_000) });
      await insertSession(tx, { sessionToken: plainToken, userId: plain.id, expires: new Date(Date.now() + 3_600_000) });
    });
    expect(await sessionEndpoint(plainToken)).toMatchObject({ twoFactor: "off" });
    expect(await sessionEndpoint(token)).toMatchObject({ twoFactor: "pending" });
    expect(await withSystem((tx) => isSuperadminSession(tx, token))).toBe(false);
    expect(await withSystem((tx) => markSecondFactorPassed(tx, token, root.id))).toBe(true);
    expect(await sessionEndpoint(token)).toMatchObject({ twoFactor: "passed" });
    expect(await withSystem((tx) => isSuperadminSession(tx, token))).toBe(true);
    // Another user cannot mark this session passed.
    expect(await withSystem((tx) => markSecondFactorPassed(tx, plainToken, root.id))).toBe(false);
  });
});
