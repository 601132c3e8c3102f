// The superadmin console's actions, attacked: a tenant Admin, a plain member and a signed-out caller
// are refused every one of them and change nothing; a superadmin's change is written to the platform
// log and, for a tenant, into that tenant's own log.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, platformActivity, tenants, users } from "@/db/schema";
import { addMember, createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { setTenantLicense, setTenantFlowCap } = await import("@/app/admin/actions");
const { setCanCreateTenants, setTenantLimit, setSuperadmin } = await import("@/app/admin/users/actions");

type User = { id: string; email: string };
let root: User;
let tenantAdmin: User;
let member: User;
let subject: User;
let tenant: { id: string; slug: string; name: string };

const tenantRow = async (id: string) => (await withSystem((tx) => tx.select().from(tenants).where(eq(tenants.id, id))))[0]!;
const userRow = async (id: string) => (await withSystem((tx) => tx.select().from(users).where(eq(users.id, id))))[0]!;
const platformEntriesBy = (actorUserId: string) =>
  platformLogWhere(eq(platformActivity.actorUserId, actorUserId));
const tenantEntries = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

beforeAll(async () => {
  root = await createUser("root", { isSuperadmin: true });
  tenantAdmin = await createUser("tenant-admin");
  member = await createUser("member");
  subject = await createUser("subject");
  tenant = await createTenant("plan");
  await addMember(tenant.id, tenantAdmin.id, ["admin"]);
  await addMember(tenant.id, member.id, ["viewer", "editor"]);
});

describe("every admin action refuses non-superadmins and changes nothing", () => {
  const attempts = () => [
    { name: "tenant.license_set", call: () => setTenantLicense(null, { tenantId: tenant.id, license: "enterprise" }) },
    { name: "tenant.flow_cap_set", call: () => setTenantFlowCap(null, { tenantId: tenant.id, flowCap: 999 }) },
    { name: "user.can_create_set", call: () => setCanCreateTenants(null, { userId: subject.id, canCreateTenants: true }) },
    { name: "user.tenant_limit_set", call: () => setTenantLimit(null, { userId: subject.id, tenantLimit: 99 }) },
    // Attackers trying to make themselves superadmins.
    { name: "user.superadmin_set (self)", call: () => setSuperadmin(null, { userId: tenantAdmin.id, isSuperadmin: true }) },
    { name: "user.superadmin_set (member)", call: () => setSuperadmin(null, { userId: member.id, isSuperadmin: true }) },
  ];

  const callers: [string, () => User | null, string][] = [
    ["a tenant Admin", () => tenantAdmin, "NOT_FOUND"],
    ["a plain member", () => member, "NOT_FOUND"],
    ["a signed-out caller", () => null, "UNAUTHENTICATED"],
  ];
  it.each(callers)("%s", async (_label, caller, code) => {
    const [tenantBefore, subjectBefore, adminBefore, memberBefore] = [
      await tenantRow(tenant.id),
      await userRow(subject.id),
      await userRow(tenantAdmin.id),
      await userRow(member.id),
    ];
    signInAs(caller());
    for (const attempt of attempts()) expect(await attempt.call(), attempt.name).toMatchObject({ ok: false, code });
    expect(await tenantRow(tenant.id)).toEqual(tenantBefore);
    expect(await userRow(subject.id)).toEqual(subjectBefore);
    expect(await userRow(tenantAdmin.id)).toEqual(adminBefore);
    expect(await userRow(member.id)).toEqual(memberBefore);
    const who = caller();
    if (who) expect(await platformEntriesBy(who.id)).toEqual([]);
    expect(await tenantEntries(tenant.id, "superadmin.accessed")).toEqual([]);
  });
});

describe("tenant plan", () => {
  it("a license sets the flow cap to its default, logged on the platform and in the tenant", async () => {
    const target = await createTenant("licensed");
    signInAs(root);
    expect(await setTenantLicense(null, { tenantId: target.id, license: "team" })).toEqual({ ok: true, data: { license: "team", flowCap: 50 } });
    expect(await tenantRow(target.id)).toMatchObject({ license: "team", flowCap: 50 });
    const [entry] = (await platformEntriesBy(root.id)).filter((e) => e.subjectTenantId === target.id && e.action === "tenant.license_set");
    expect(entry).toMatchObject({ tenantName: target.name, details: expect.objectContaining({ from: "free", to: "team" }) });
    const [access] = await tenantEntries(target.id, "superadmin.accessed");
    expect(access).toMatchObject({ actorUserId: root.id, summary: expect.stringMatching(/license Free → Team, flow cap 5 → 50/) });
  });

  it("a flow cap overrides the license default and may go below the current count", async () => {
    const target = await createTenant("capped");
    signInAs(root);
    expect(await setTenantFlowCap(null, { tenantId: target.id, flowCap: "0" } as never)).toEqual({ ok: true, data: { flowCap: 0 } });
    expect(await tenantRow(target.id)).toMatchObject({ license: "free", flowCap: 0 });
    expect((await platformEntriesBy(root.id)).some((e) => e.subjectTenantId === target.id && e.action === "tenant.flow_cap_set")).toBe(true);
    expect(await tenantEntries(target.id, "superadmin.accessed")).toHaveLength(1);
  });

  it("refuses bad numbers and licenses next to the field, and unknown or malformed tenants as NOT_FOUND", async () => {
    signInAs(root);
    for (const flowCap of ["", " ", "-1", "1.5", "abc", "99999999"]) {
      expect(await setTenantFlowCap(null, { tenantId: tenant.id, flowCap }), flowCap).toMatchObject({
        ok: false,
        code: "VALIDATION",
        fieldErrors: { flowCap: [expect.stringMatching(/whole number/)] },
      });
    }
    expect(await setTenantLicense(null, { tenantId: tenant.id, license: "platinum" })).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { license: ["Choose a license from the list."] },
    });
    for (const tenantId of ["00000000-0000-0000-0000-000000000000", "not-a-uuid"]) {
      expect(await setTenantFlowCap(null, { tenantId, flowCap: 3 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await setTenantLicense(null, { tenantId, license: "team" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
  });
});

describe("user flags", () => {
  it("sets can-create-tenants and the tenant limit, logged on the platform", async () => {
    const target = await createUser("flags");
    signInAs(root);
    const form = new FormData();
    form.set("userId", target.id);
    form.set("canCreateTenants", "true");
    expect(await setCanCreateTenants(null, form)).toEqual({ ok: true, data: { canCreateTenants: true } });
    expect(await setTenantLimit(null, { userId: target.id, tenantLimit: "4" } as never)).toEqual({ ok: true, data: { tenantLimit: 4 } });
    expect(await userRow(target.id)).toMatchObject({ canCreateTenants: true, tenantLimit: 4 });
    const actions = (await platformEntriesBy(root.id)).filter((e) => e.details?.targetId === target.id).map((e) => e.action);
    expect(actions.sort()).toEqual(["user.can_create_set", "user.tenant_limit_set"]);
    expect(await setTenantLimit(null, { userId: target.id, tenantLimit: "" })).toMatchObject({ code: "VALIDATION" });
    expect(await setCanCreateTenants(null, { userId: "nope", canCreateTenants: false })).toMatchObject({ code: "NOT_FOUND" });
  });

  it("grants and removes another account's superadmin flag; the new superadmin can act at once", async () => {
    const target = await createUser(`promoted-${uniqueSuffix()}`);
    signInAs(root);
    expect(await setSuperadmin(null, { userId: target.id, isSuperadmin: true })).toMatchObject({ ok: true });
    signInAs(target);
    expect(await setTenantLimit(null, { userId: subject.id, tenantLimit: 2 })).toMatchObject({ ok: true });
    signInAs(root);
    expect(await setSuperadmin(null, { userId: target.id, isSuperadmin: false })).toMatchObject({ ok: true });
    // Revoked: the very next call is refused.
    signInAs(target);
    expect(await setTenantLimit(null, { userId: subject.id, tenantLimit: 3 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await userRow(subject.id)).tenantLimit).toBe(2);
  });
});
