// A deploy into another tenant writes both tenants in one transaction: when the source's log entry (the
// last write) fails after the target's flows and entry were written, nothing of the deploy is left in
// either tenant (three separate transactions left the target's flows and entry behind). And an IP
// refusal by one side's list is logged in that tenant only.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flowVersions, flows, tenants } from "@/db/schema";
import { replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { runWithClientAddress } from "@/lib/request-address";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { actingAs, signInAs } from "../support/session";

/** The failure injected at the gap: the source's entry, written after the target's work. */
const failAt = vi.hoisted(() => ({ action: null as string | null }));
vi.mock("@/lib/actions/activity-entry", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/actions/activity-entry")>();
  return {
    ...original,
    recordCallerActivity: async (...args: Parameters<typeof original.recordCallerActivity>) => {
      if (args[2].action === failAt.action) throw new Error("injected: this log entry could not be written");
      return original.recordCallerActivity(...args);
    },
  };
});
vi.mock("@/lib/auth", async () => {
  const { sessionUser } = await import("../support/session");
  return { auth: async () => (sessionUser() ? { user: sessionUser() } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const { createFlow } = await import("@/app/t/[slug]/flows/actions");
const { createPackage, deployPackageToTenant } = await import("@/app/t/[slug]/packages/actions");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let both: { id: string; email: string };
let flowId: string;
let packageId: string;

const inTenant = <T,>(tenantId: string, work: (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => Promise<T>) => withTenant({ tenantId, userId: null }, work);
const countIn = async (tenantId: string, table: typeof flows | typeof flowVersions | typeof activity) =>
  (await inTenant(tenantId, (tx) => tx.select({ n: count() }).from(table).where(eq(table.tenantId, tenantId))))[0]!.n;
const entriesOf = (tenantId: string, action: string) => inTenant(tenantId, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));
const state = async () => ({
  flowsB: await countIn(world.b.id, flows),
  versionsB: await countIn(world.b.id, flowVersions),
  entriesA: await countIn(world.a.id, activity),
  entriesB: await countIn(world.b.id, activity),
});
const deploy = () => deployPackageToTenant(world.a.slug, null, { packageId, environment: "production", targetTenant: world.b.slug });

beforeAll(async () => {
  world = await createTwoTenants();
  await withSystem((tx) => tx.update(tenants).set({ flowCap: 1000 }).where(eq(tenants.id, world.b.id)));
  both = await createUser("admin-of-both");
  await addMember(world.a.id, both.id, ["admin"]);
  await addMember(world.b.id, both.id, ["admin"]);
  signInAs(both);
  const flow = await createFlow(world.a.slug, null, { environment: "development", name: `flow ${uniqueSuffix()}`, steps: ["validate"] });
  if (!flow.ok) throw new Error(flow.message);
  flowId = flow.data.id;
  const pkg = await createPackage(world.a.slug, null, { name: `pkg ${uniqueSuffix()}`, environment: "development", flowIds: [flowId] });
  if (!pkg.ok) throw new Error(pkg.message);
  packageId = pkg.data.id;
});

/** The deploy with the log entry `action` failing: refused, and both tenants exactly as they were. */
async function deployFailingAt(action: string) {
  const before = await state();
  failAt.action = action;
  try {
    signInAs(both);
    expect(await deploy()).toMatchObject({ ok: false });
  } finally {
    failAt.action = null;
  }
  expect(await state()).toEqual(before);
  return before;
}

describe("a deploy into another tenant is one transaction", () => {
  it("a failure writing the source's entry, after the target's flows and entry, leaves nothing in either tenant", async () => {
    const before = await deployFailingAt("package.deployed_to_tenant");
    expect(await entriesOf(world.b.id, "package.deployed_from_tenant")).toEqual([]);
    const inB = await inTenant(world.b.id, (tx) => tx.select().from(flows).where(and(eq(flows.tenantId, world.b.id), eq(flows.id, flowId))));
    expect(inB).toEqual([]);

    // Without the failure the same deploy goes through, with an entry on each side.
    signInAs(both);
    expect(await deploy()).toMatchObject({ ok: true, data: { created: [flowId] } });
    expect(await entriesOf(world.a.id, "package.deployed_to_tenant")).toHaveLength(1);
    expect(await entriesOf(world.b.id, "package.deployed_from_tenant")).toHaveLength(1);
    expect(await countIn(world.b.id, flows)).toBe(before.flowsB + 1);
  });

  it("a failure writing the target's entry leaves nothing either", async () => {
    await deployFailingAt("package.deployed_from_tenant");
  });

  it("an IP refusal by the target's list is logged in the target only; by the source's, in the source only", async () => {
    const office = (work: () => Promise<unknown>) => runWithClientAddress("10.1.2.3", () => actingAs(both, work));
    const refusals = async (tenantId: string) => (await entriesOf(tenantId, "tenant.ip_refused")).length;
    try {
      await inTenant(world.b.id, (tx) => replaceIpAllowLists(tx, { package: ["192.0.2.0/24"] }));
      const [a0, b0] = [await refusals(world.a.id), await refusals(world.b.id)];
      expect(await office(deploy)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect([await refusals(world.a.id), await refusals(world.b.id)]).toEqual([a0, b0 + 1]);

      await inTenant(world.b.id, (tx) => replaceIpAllowLists(tx, {}));
      await inTenant(world.a.id, (tx) => replaceIpAllowLists(tx, { package: ["192.0.2.0/24"] }));
      expect(await office(deploy)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect([await refusals(world.a.id), await refusals(world.b.id)]).toEqual([a0 + 1, b0 + 1]);
    } finally {
      await inTenant(world.a.id, (tx) => replaceIpAllowLists(tx, {}));
      await inTenant(world.b.id, (tx) => replaceIpAllowLists(tx, {}));
    }
  });
});
