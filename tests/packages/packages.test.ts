// Packages through the real actions: a package of Development flows deployed to Production keeps the
// flows' ids, overwrites the same ids there and keeps what it overwrote as a restorable version; a
// deploy into another tenant needs the caller to be Admin there (else nothing is written in either
// tenant); another tenant's package id is not found; who may make and deploy (packages.manage).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flowVersions, flows, packages, tenants } from "@/db/schema";
import { listFlowVersions } from "@/db/queries/flow-versions";
import { addMember, createTwoTenants, createUser, databaseErrorOf, uniqueSuffix } from "../support/fixtures";
import { actingAs, signInAs } from "../support/session";
import { replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { runWithClientAddress } from "@/lib/request-address";
import { editorActionCallers } from "../support/editor-callers";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const { createFlow, saveFlowSteps, restoreFlowVersion } = await import("@/app/t/[slug]/flows/actions");
const { createPackage, deployPackage, deployPackageToTenant } = await import("@/app/t/[slug]/packages/actions");

type User = { id: string; email: string };
type Env = "development" | "staging" | "production";
let world: Awaited<ReturnType<typeof createTwoTenants>>;
const callers: Record<string, User | null> = {};

const inTenant = <T,>(tenantId: string, work: (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => Promise<T>) => withTenant({ tenantId, userId: null }, work);
const flowIn = async (tenantId: string, environment: Env, flowId: string) =>
  (await inTenant(tenantId, (tx) => tx.select().from(flows).where(and(eq(flows.environment, environment), eq(flows.id, flowId)))))[0] ?? null;
const entries = (tenantId: string, action: string) => inTenant(tenantId, (tx) => tx.select().from(activity).where(eq(activity.action, action)));
const countOf = async (tenantId: string, table: typeof flows | typeof flowVersions | typeof packages) =>
  (await inTenant(tenantId, (tx) => tx.select({ n: count() }).from(table)))[0]!.n;

async function devFlow(admin: User, slug: string, steps = ["validate"]) {
  signInAs(admin);
  const made = await createFlow(slug, null, { name: `flow ${uniqueSuffix()}`, steps, environment: "development" });
  if (!made.ok) throw new Error(made.message);
  return made.data.id;
}
async function packageOf(admin: User, slug: string, flowIds: string[]) {
  signInAs(admin);
  const made = await createPackage(slug, null, { name: `pkg ${uniqueSuffix()}`, environment: "development", flowIds });
  if (!made.ok) throw new Error(made.message);
  return made.data.id;
}

beforeAll(async () => {
  world = await createTwoTenants();
  await withSystem((tx) => tx.update(tenants).set({ flowCap: 1000 }).where(eq(tenants.id, world.a.id)));
  await withSystem((tx) => tx.update(tenants).set({ flowCap: 1000 }).where(eq(tenants.id, world.b.id)));
  Object.assign(callers, await editorActionCallers(world));
});

describe("deploy Development → Production", () => {
  it("keeps ids, overwrites the same ids, and what it overwrote is restorable", async () => {
    const admin = world.adminA;
    const first = await devFlow(admin, world.a.slug, ["validate"]);
    const second = await devFlow(admin, world.a.slug, ["notify"]);
    const v1 = await packageOf(admin, world.a.slug, [first, second]);
    const deployed = await deployPackage(world.a.slug, null, { packageId: v1, environment: "production" });
    expect(deployed).toMatchObject({ ok: true, data: { overwritten: [] } });
    expect(deployed.ok && [...deployed.data.created].sort()).toEqual([first, second].sort());
    expect(await flowIn(world.a.id, "production", first)).toMatchObject({ id: first, steps: ["validate"] });

    // Production's copy is changed there, then a newer package overwrites it.
    expect(await saveFlowSteps(world.a.slug, null, { flowId: first, steps: ["transform"], environment: "production" })).toMatchObject({ ok: true });
    await saveFlowSteps(world.a.slug, null, { flowId: first, steps: ["validate", "notify"], environment: "development" });
    const v2 = await packageOf(admin, world.a.slug, [first]);
    expect(await deployPackage(world.a.slug, null, { packageId: v2, environment: "production" })).toMatchObject({ ok: true, data: { created: [], overwritten: [first] } });
    expect(await flowIn(world.a.id, "production", first)).toMatchObject({ steps: ["validate", "notify"] });

    const history = await inTenant(world.a.id, (tx) => listFlowVersions(tx, "production", first));
    expect(history.map((v) => [v.reason, v.steps])).toEqual([
      ["deployed", ["validate", "notify"]],
      ["overwritten", ["transform"]],
      ["saved", ["transform"]],
      ["deployed", ["validate"]],
    ]);
    const overwritten = history.find((v) => v.reason === "overwritten")!;
    expect(await restoreFlowVersion(world.a.slug, null, { flowId: first, version: overwritten.version, environment: "production" })).toMatchObject({ ok: true });
    expect(await flowIn(world.a.id, "production", first)).toMatchObject({ steps: ["transform"] });
    // Development was never touched by the deploys.
    expect(await flowIn(world.a.id, "development", first)).toMatchObject({ steps: ["validate", "notify"] });
    expect((await entries(world.a.id, "package.deployed")).filter((e) => e.targetId === v2)).toHaveLength(1);
  });
});

describe("deploy into another tenant", () => {
  it("where the caller is Admin: same ids, an entry in both logs", async () => {
    const both = await createUser("admin-of-both");
    await addMember(world.a.id, both.id, ["admin"]);
    await addMember(world.b.id, both.id, ["admin"]);
    const flowId = await devFlow(both, world.a.slug);
    const pkg = await packageOf(both, world.a.slug, [flowId]);
    signInAs(both);
    const deployed = await deployPackageToTenant(world.a.slug, null, { packageId: pkg, environment: "production", targetTenant: world.b.slug });
    expect(deployed).toMatchObject({ ok: true, data: { created: [flowId] } });
    expect(await flowIn(world.b.id, "production", flowId)).toMatchObject({ id: flowId, steps: ["validate"] });
    expect((await entries(world.a.id, "package.deployed_to_tenant")).some((e) => e.targetId === pkg && e.actorUserId === both.id)).toBe(true);
    expect((await entries(world.b.id, "package.deployed_from_tenant")).some((e) => e.targetId === pkg && e.actorUserId === both.id)).toBe(true);
    // Deployed again after a change in B: B's state is kept as an overwritten version.
    signInAs(both);
    await saveFlowSteps(world.b.slug, null, { flowId, steps: ["notify"] });
    expect(await deployPackageToTenant(world.a.slug, null, { packageId: pkg, environment: "production", targetTenant: world.b.slug })).toMatchObject({ ok: true, data: { overwritten: [flowId] } });
    const history = await inTenant(world.b.id, (tx) => listFlowVersions(tx, "production", flowId));
    expect(history.find((v) => v.reason === "overwritten")).toMatchObject({ steps: ["notify"] });
  });

  it.each([
    ["Editor", ["editor"] as const, "FORBIDDEN"],
    ["Viewer", ["viewer"] as const, "FORBIDDEN"],
    ["not a member", null, "NOT_FOUND"],
  ])("where the caller is %s there: refused, nothing written in either tenant", async (_label, roles, code) => {
    const adminA = world.adminA;
    const flowId = await devFlow(adminA, world.a.slug);
    const pkg = await packageOf(adminA, world.a.slug, [flowId]);
    if (roles) await addMember(world.b.id, adminA.id, [...roles]);
    const before = { a: await entries(world.a.id, "package.deployed_to_tenant"), b: await countOf(world.b.id, flows), bVersions: await countOf(world.b.id, flowVersions) };
    signInAs(adminA);
    const refused = await deployPackageToTenant(world.a.slug, null, { packageId: pkg, environment: "production", targetTenant: world.b.slug });
    expect(refused).toMatchObject({ ok: false, code });
    expect(await flowIn(world.b.id, "production", flowId)).toBeNull();
    expect(await countOf(world.b.id, flows)).toBe(before.b);
    expect(await countOf(world.b.id, flowVersions)).toBe(before.bVersions);
    expect((await entries(world.a.id, "package.deployed_to_tenant")).length).toBe(before.a.length);
    expect((await entries(world.b.id, "package.deployed_from_tenant")).some((e) => e.targetId === pkg)).toBe(false);
    // Reset for the next case: tenant B's membership of adminA is removed by the system.
    await inTenant(world.b.id, (tx) => tx.execute(`delete from memberships where user_id = '${adminA.id}'`));
  });
});

describe("replays and callers", () => {
  it("another tenant's package id is not found, in that tenant's deploy and as a cross-tenant source", async () => {
    const flowId = await devFlow(world.adminA, world.a.slug);
    const pkg = await packageOf(world.adminA, world.a.slug, [flowId]);
    signInAs(world.adminB);
    expect(await deployPackage(world.b.slug, null, { packageId: pkg, environment: "production" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await createPackage(world.b.slug, null, { name: `steal ${uniqueSuffix()}`, environment: "development", flowIds: [flowId] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deployPackageToTenant(world.a.slug, null, { packageId: pkg, environment: "production", targetTenant: world.b.slug })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deployPackage(world.b.slug, null, { packageId: "not-a-uuid", environment: "production" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await flowIn(world.b.id, "production", flowId)).toBeNull();
    expect(await countOf(world.b.id, packages)).toBe(0);
  });

  it.each([
    ["viewer", "FORBIDDEN"],
    ["editor", "FORBIDDEN"],
    ["admin", null],
    ["admin of another tenant", "NOT_FOUND"],
    ["suspended", "NOT_FOUND"],
    ["signed out", "UNAUTHENTICATED"],
  ])("make and deploy a package as %s", async (caller, refusal) => {
    const flowId = await devFlow(world.adminA, world.a.slug);
    const pkg = await packageOf(world.adminA, world.a.slug, [flowId]);
    signInAs(callers[caller]!);
    const made = await createPackage(world.a.slug, null, { name: `by ${caller} ${uniqueSuffix()}`, environment: "development", flowIds: [flowId] });
    const deployed = await deployPackage(world.a.slug, null, { packageId: pkg, environment: "staging" });
    const across = await deployPackageToTenant(world.a.slug, null, { packageId: pkg, environment: "staging", targetTenant: world.b.slug });
    expect(made).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    expect(deployed).toMatchObject(refusal ? { ok: false, code: refusal } : { ok: true });
    expect(Boolean(await flowIn(world.a.id, "staging", flowId))).toBe(!refusal);
    // Nobody here is a member of B except its own Admin, whose package source (A) is not theirs.
    expect(across).toMatchObject({ ok: false });
    expect(await flowIn(world.b.id, "staging", flowId)).toBeNull();
  });
});

describe("the package IP allow-list", () => {
  const from = <T,>(ip: string, user: User, work: () => Promise<T>) => runWithClientAddress(ip, () => actingAs(user, work));

  it("refuses making and deploying from outside the source's list, and a deploy from outside the target's list writes nothing in either", async () => {
    const admin = await createUser("admin-of-both");
    await addMember(world.a.id, admin.id, ["admin"]);
    await addMember(world.b.id, admin.id, ["admin"]);
    const flowId = await devFlow(admin, world.a.slug);
    const pkg = await packageOf(admin, world.a.slug, [flowId]);
    await inTenant(world.a.id, (tx) => replaceIpAllowLists(tx, { package: ["10.0.0.0/8"] }));
    try {
      const outside = await from("198.51.100.7", admin, () => deployPackage(world.a.slug, null, { packageId: pkg, environment: "production" }));
      expect(outside).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await from("198.51.100.7", admin, () => createPackage(world.a.slug, null, { name: `x ${uniqueSuffix()}`, environment: "development", flowIds: [flowId] }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await flowIn(world.a.id, "production", flowId)).toBeNull();
      expect((await entries(world.a.id, "tenant.ip_refused")).some((e) => e.ip === "198.51.100.7" && e.actorUserId === admin.id)).toBe(true);

      // From the office, A allows it; B's list refuses the office: nothing in B, no entry in A.
      await inTenant(world.b.id, (tx) => replaceIpAllowLists(tx, { package: ["192.0.2.0/24"] }));
      const across = await from("10.1.2.3", admin, () => deployPackageToTenant(world.a.slug, null, { packageId: pkg, environment: "production", targetTenant: world.b.slug }));
      expect(across).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await flowIn(world.b.id, "production", flowId)).toBeNull();
      expect((await entries(world.a.id, "package.deployed_to_tenant")).some((e) => e.targetId === pkg)).toBe(false);
      expect(await from("10.1.2.3", admin, () => deployPackage(world.a.slug, null, { packageId: pkg, environment: "production" }))).toMatchObject({ ok: true });
    } finally {
      await inTenant(world.a.id, (tx) => replaceIpAllowLists(tx, {}));
      await inTenant(world.b.id, (tx) => replaceIpAllowLists(tx, {}));
    }
  });
});

describe("the tenant wall around versions and packages", () => {
  it("another tenant's scope sees none of them and cannot plant one", async () => {
    const flowId = await devFlow(world.adminA, world.a.slug);
    const pkg = await packageOf(world.adminA, world.a.slug, [flowId]);
    const seenFromB = await inTenant(world.b.id, async (tx) => ({
      versions: await tx.select().from(flowVersions).where(eq(flowVersions.flowId, flowId)),
      packages: await tx.select().from(packages).where(eq(packages.id, pkg)),
    }));
    expect(seenFromB).toEqual({ versions: [], packages: [] });
    expect(
      await databaseErrorOf(
        inTenant(world.b.id, (tx) => tx.insert(flowVersions).values({ tenantId: world.a.id, environment: "production", flowId, version: 99, name: "planted", steps: [], reason: "saved" })),
      ),
    ).toMatch(/row-level security/);
    expect(await databaseErrorOf(inTenant(world.b.id, (tx) => tx.insert(packages).values({ tenantId: world.a.id, name: "planted", environment: "production" })))).toMatch(/row-level security/);
  });
});
