// Deleting a package (issue 16): an Admin (packages.manage) removes it with its snapshots and an entry in
// the log; the flows and versions its deploys made stay; another tenant's package is not found; every
// other caller is refused and nothing is removed.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flowVersions, flows, packageFlows, packages, tenants } from "@/db/schema";
import { createTwoTenants, databaseErrorOf, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";
import { editorActionCallers } from "../support/editor-callers";

vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const { createFlow } = await import("@/app/t/[slug]/flows/actions");
const { createPackage, deployPackage, deletePackage } = await import("@/app/t/[slug]/packages/actions");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
const callers: Record<string, User | null> = {};

const inTenant = <T,>(tenantId: string, work: (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => Promise<T>) => withTenant({ tenantId, userId: null }, work);
const countOf = async (tenantId: string, table: typeof packages | typeof packageFlows | typeof flowVersions | typeof flows) =>
  (await inTenant(tenantId, (tx) => tx.select({ n: count() }).from(table).where(eq(table.tenantId, tenantId))))[0]!.n;

/** A Development flow of tenant A, packaged and deployed to Production: the package's id and the flow's. */
async function deployedPackage() {
  signInAs(world.adminA);
  const flow = await createFlow(world.a.slug, null, { environment: "development", name: `flow ${uniqueSuffix()}`, steps: ["validate"] });
  if (!flow.ok) throw new Error(flow.message);
  const pkg = await createPackage(world.a.slug, null, { name: `pkg ${uniqueSuffix()}`, environment: "development", flowIds: [flow.data.id] });
  if (!pkg.ok) throw new Error(pkg.message);
  const deployed = await deployPackage(world.a.slug, null, { packageId: pkg.data.id, environment: "production" });
  if (!deployed.ok) throw new Error(deployed.message);
  return { packageId: pkg.data.id, packageName: pkg.data.name, flowId: flow.data.id };
}

beforeAll(async () => {
  world = await createTwoTenants();
  await withSystem((tx) => tx.update(tenants).set({ flowCap: 1000 }).where(eq(tenants.id, world.a.id)));
  Object.assign(callers, await editorActionCallers(world));
});

describe("deleting a package", () => {
  it("by an Admin: the package and its snapshots go, with an entry; the deployed flow and its versions stay", async () => {
    const { packageId, packageName, flowId } = await deployedPackage();
    const before = { versions: await countOf(world.a.id, flowVersions), flows: await countOf(world.a.id, flows) };
    signInAs(world.adminA);
    expect(await deletePackage(world.a.slug, null, { packageId })).toMatchObject({ ok: true });
    expect(await inTenant(world.a.id, (tx) => tx.select().from(packages).where(eq(packages.id, packageId)))).toEqual([]);
    expect(await inTenant(world.a.id, (tx) => tx.select().from(packageFlows).where(eq(packageFlows.packageId, packageId)))).toEqual([]);
    expect({ versions: await countOf(world.a.id, flowVersions), flows: await countOf(world.a.id, flows) }).toEqual(before);
    const deployedVersion = await inTenant(world.a.id, (tx) =>
      tx.select().from(flowVersions).where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.environment, "production"), eq(flowVersions.reason, "deployed"))),
    );
    expect(deployedVersion.map((version) => version.packageId)).toEqual([packageId]);
    const [entry] = await inTenant(world.a.id, (tx) => tx.select().from(activity).where(and(eq(activity.action, "package.deleted"), eq(activity.targetId, packageId))));
    expect(entry).toMatchObject({ actorUserId: world.adminA.id, targetType: "package" });
    expect(entry!.summary).toContain(`deleted the package ${packageName}`);
    // Gone means gone: a second delete, and a deploy of it, are not found.
    expect(await deletePackage(world.a.slug, null, { packageId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deployPackage(world.a.slug, null, { packageId, environment: "staging" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("another tenant's package, or a malformed id, is not found and nothing is removed", async () => {
    const { packageId } = await deployedPackage();
    const before = await countOf(world.a.id, packages);
    signInAs(world.adminB);
    expect(await deletePackage(world.b.slug, null, { packageId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deletePackage(world.b.slug, null, { packageId: "not-a-uuid" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await countOf(world.a.id, packages)).toBe(before);
    // Nor can B's scope delete A's row behind the action: row-level security shows it nothing to delete.
    await inTenant(world.b.id, (tx) => tx.delete(packages).where(eq(packages.id, packageId)));
    expect(await countOf(world.a.id, packages)).toBe(before);
  });

  it("the database still refuses changing a package or its snapshots", async () => {
    const { packageId } = await deployedPackage();
    expect(await databaseErrorOf(inTenant(world.a.id, (tx) => tx.update(packages).set({ name: "renamed" }).where(eq(packages.id, packageId))))).toMatch(/permission denied/);
    expect(await databaseErrorOf(inTenant(world.a.id, (tx) => tx.delete(packageFlows).where(eq(packageFlows.packageId, packageId))))).toMatch(/permission denied/);
  });

  it.each([
    ["viewer", "FORBIDDEN"],
    ["editor", "FORBIDDEN"],
    ["admin of another tenant", "NOT_FOUND"],
    ["suspended", "NOT_FOUND"],
    ["signed out", "UNAUTHENTICATED"],
  ])("by %s: %s, nothing removed", async (caller, code) => {
    const { packageId } = await deployedPackage();
    signInAs(callers[caller]!);
    expect(await deletePackage(world.a.slug, null, { packageId })).toMatchObject({ ok: false, code });
    expect(await inTenant(world.a.id, (tx) => tx.select({ id: packages.id }).from(packages).where(eq(packages.id, packageId)))).toEqual([{ id: packageId }]);
  });
});
