// Row-level security, attacked through every scope helper: tenant A must never see or change
// tenant B's rows, whatever the query says.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { withPlatform, withSystem, withTenant, withUser, NotSuperadminError, type TenantTx, type Tx } from "@/db/scopes";
import { activity, activityTerms, approvedDomains, flowRuns, flows, memberships } from "@/db/schema";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { addMember, createTwoTenants, createUser, databaseErrorOf } from "../support/fixtures";
import { claimingTenant } from "../support/forged-scope";

type World = Awaited<ReturnType<typeof createTwoTenants>> & {
  flowA: string;
  flowB: string;
  runB: string;
};
let world: World;

async function seedTenantRows(tx: TenantTx, userId: string) {
  const tenantId = tx.tenantId;
  const [flow] = await tx.insert(flows).values({ tenantId, name: "Nightly sync" }).returning();
  const [run] = await tx.insert(flowRuns).values({ tenantId, flowId: flow!.id, status: "succeeded" }).returning();
  await tx.insert(approvedDomains).values({ tenantId, domain: `${tenantId.slice(0, 8)}.example` });
  await recordActivity(tx, { actorUserId: userId, actorEmail: null, action: "test.seeded", summary: "seeded" });
  return { flowId: flow!.id, runId: run!.id };
}

beforeAll(async () => {
  const two = await createTwoTenants();
  const rowsA = await withTenant({ tenantId: two.a.id, userId: two.adminA.id }, (tx) => seedTenantRows(tx, two.adminA.id));
  const rowsB = await withTenant({ tenantId: two.b.id, userId: two.adminB.id }, (tx) => seedTenantRows(tx, two.adminB.id));
  world = { ...two, flowA: rowsA.flowId, flowB: rowsB.flowId, runB: rowsB.runId };
});

const tenantTables = { memberships, approvedDomains, flows, flowRuns, activity };

async function tenantIdsVisible(tx: Tx) {
  const seen = new Set<string>();
  for (const table of Object.values(tenantTables)) {
    for (const row of await tx.select({ tenantId: table.tenantId }).from(table)) seen.add(row.tenantId);
  }
  return seen;
}

describe("withTenant", () => {
  it("shows only the tenant's own rows in every tenant table, even without a tenant filter", async () => {
    const seen = await withTenant({ tenantId: world.a.id, userId: world.adminA.id }, tenantIdsVisible);
    expect([...seen]).toEqual([world.a.id]);
    for (const table of Object.values(tenantTables)) {
      const rows = await withTenant({ tenantId: world.a.id, userId: world.adminA.id }, (tx) =>
        tx.select({ tenantId: table.tenantId }).from(table).where(eq(table.tenantId, world.b.id)),
      );
      expect(rows).toEqual([]);
    }
  });

  it("cannot read tenant B's flow by guessing its id", async () => {
    const rows = await withTenant({ tenantId: world.a.id, userId: world.adminA.id }, (tx) =>
      tx.select().from(flows).where(eq(flows.id, world.flowB)),
    );
    expect(rows).toEqual([]);
  });

  it("cannot update or delete tenant B's rows", async () => {
    const changed = await withTenant({ tenantId: world.a.id, userId: world.adminA.id }, async (tx) => {
      const updated = await tx.update(flows).set({ name: "hijacked" }).where(eq(flows.id, world.flowB)).returning();
      const deletedRuns = await tx.delete(flowRuns).where(eq(flowRuns.id, world.runB)).returning();
      const deletedMembers = await tx.delete(memberships).where(eq(memberships.tenantId, world.b.id)).returning();
      return updated.length + deletedRuns.length + deletedMembers.length;
    });
    expect(changed).toBe(0);
    const stillThere = await withTenant({ tenantId: world.b.id, userId: world.adminB.id }, async (tx) => ({
      flow: await tx.select().from(flows).where(eq(flows.id, world.flowB)),
      run: await tx.select().from(flowRuns).where(eq(flowRuns.id, world.runB)),
      members: await tx.select().from(memberships).where(eq(memberships.tenantId, world.b.id)),
    }));
    expect(stillThere.flow[0]?.name).toBe("Nightly sync");
    expect(stillThere.run).toHaveLength(1);
    expect(stillThere.members).toHaveLength(1);
  });

  it("refuses to insert a row that names tenant B", async () => {
    expect(await databaseErrorOf(withTenant({ tenantId: world.a.id, userId: world.adminA.id }, (tx) =>
        tx.insert(flows).values({ tenantId: world.b.id, name: "planted" }),
      ),
    )).toMatch(/row-level security/);
    expect(await databaseErrorOf(withTenant({ tenantId: world.a.id, userId: world.adminA.id }, (tx) =>
        recordActivity(claimingTenant(tx, world.b.id), { actorUserId: null, actorEmail: null, action: "x", summary: "forged" }),
      ),
    )).toMatch(/row-level security/);
  });

  it("refuses to move its own row into tenant B", async () => {
    expect(await databaseErrorOf(withTenant({ tenantId: world.a.id, userId: world.adminA.id }, (tx) =>
        tx.update(flows).set({ tenantId: world.b.id }).where(eq(flows.id, world.flowA)),
      ),
    )).toMatch(/row-level security/);
  });

  it("refuses a foreign key that points into tenant B", async () => {
    // A run in tenant A naming B's flow: the composite (tenant_id, flow_id) key has no match in A.
    expect(await databaseErrorOf(withTenant({ tenantId: world.a.id, userId: world.adminA.id }, (tx) =>
        tx.insert(flowRuns).values({ tenantId: world.a.id, flowId: world.flowB, status: "succeeded" }),
      ),
    )).toMatch(/foreign key/);
  });

  it("does not let raw SQL switch tenants for longer than its own transaction", async () => {
    await withTenant({ tenantId: world.a.id, userId: world.adminA.id }, async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${world.b.id}, true)`);
    });
    const seen = await withTenant({ tenantId: world.a.id, userId: world.adminA.id }, tenantIdsVisible);
    expect([...seen]).toEqual([world.a.id]);
    const seenWithout = await withSystem(tenantIdsVisible);
    expect(seenWithout.size).toBe(0);
  });
});

describe("no tenant set", () => {
  it("returns no rows from any tenant table (withSystem)", async () => {
    for (const table of Object.values(tenantTables)) {
      const rows = await withSystem((tx) => tx.select().from(table));
      expect(rows).toEqual([]);
    }
  });

  it("refuses writes to tenant tables (withSystem)", async () => {
    expect(await databaseErrorOf(withSystem((tx) => tx.insert(flows).values({ tenantId: world.a.id, name: "nope" })))).toMatch(/row-level security/);
  });
});

describe("withUser", () => {
  it("shows the user's own memberships across tenants and nothing else", async () => {
    const both = await createUser("both");
    await addMember(world.a.id, both.id, ["viewer"]);
    await addMember(world.b.id, both.id, ["editor"]);
    const visible = await withUser({ userId: both.id }, async (tx) => ({
      memberships: await tx.select().from(memberships),
      flows: await tx.select().from(flows),
      activity: await tx.select().from(activity),
      domains: await tx.select().from(approvedDomains),
    }));
    expect(visible.memberships.map((m) => m.userId)).toEqual([both.id, both.id]);
    expect(visible.flows).toEqual([]);
    expect(visible.activity).toEqual([]);
    expect(visible.domains).toEqual([]);
  });

  it("cannot write memberships (read-only across tenants)", async () => {
    const loner = await createUser("loner");
    expect(await databaseErrorOf(withUser({ userId: loner.id }, (tx) => tx.insert(memberships).values({ tenantId: world.a.id, userId: loner.id, roles: ["admin"] })),
    )).toMatch(/row-level security/);
  });

  it("inside tenant A, a member of both tenants sees none of their tenant B rows", async () => {
    const both = await createUser("both2");
    await addMember(world.a.id, both.id, ["viewer"]);
    await addMember(world.b.id, both.id, ["viewer"]);
    const rows = await withTenant({ tenantId: world.a.id, userId: both.id }, (tx) =>
      tx.select().from(memberships).where(and(eq(memberships.userId, both.id))),
    );
    expect(rows.map((r) => r.tenantId)).toEqual([world.a.id]);
  });
});

const rowsOfSetting = (result: unknown) => (result as { rows: { value: string }[] }).rows[0]?.value;

describe("scope settings", () => {
  it("runs every scope with JIT off (short statements; compiling one costs more than running it)", async () => {
    const root = await createUser("root-jit", { isSuperadmin: true });
    const jit = async (tx: Tx) => rowsOfSetting(await tx.execute(sql`select current_setting('jit') as value`));
    expect(await withTenant({ tenantId: world.a.id, userId: null }, jit)).toBe("off");
    expect(await withUser({ userId: world.adminA.id }, jit)).toBe("off");
    expect(await withSystem(jit)).toBe("off");
    expect(await withPlatform({ superadminId: root.id }, jit)).toBe("off");
  });
});

describe("withPlatform", () => {
  it("refuses a user who is not a superadmin", async () => {
    await expect(withPlatform({ superadminId: world.adminA.id }, async () => "entered")).rejects.toThrow(NotSuperadminError);
  });

  it("reaches a tenant only through enterTenant, which writes the access into that tenant's log", async () => {
    const root = await createUser("root", { isSuperadmin: true });
    const flowsSeen = await withPlatform({ superadminId: root.id }, async (tx, platform) => {
      const before = await tx.select().from(flows);
      await platform.enterTenant(world.b.id, "Viewed flows");
      const after = await tx.select().from(flows);
      return { before: before.length, after: after.map((f) => f.tenantId) };
    });
    expect(flowsSeen.before).toBe(0);
    expect(new Set(flowsSeen.after)).toEqual(new Set([world.b.id]));
    const log = await withTenant({ tenantId: world.b.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.actorUserId, root.id), eq(activity.action, "superadmin.accessed"))),
    );
    expect(log).toHaveLength(1);
    expect(log[0]?.summary).toBe("Viewed flows");
  });
});

// Migration 0011 dropped the superadmin_read policies: the superadmin console's role
// (tenantry_platform) reads a tenant's activity only inside the scope enterTenant sets, after writing
// the access into that tenant's log (issue 10, item 9).
describe("the superadmin console and tenants' activity", () => {
  const tenantRows = (tenantId: string) => async (tx: Tx) => ({
    activity: (await tx.select({ id: activity.id }).from(activity).where(eq(activity.tenantId, tenantId))).length,
    terms: (await tx.select({ term: activityTerms.term }).from(activityTerms).where(eq(activityTerms.tenantId, tenantId))).length,
  });

  it("attack: tenantry_platform reads no tenant's activity or word index outside an entered (recorded) scope", async () => {
    const root = await createUser("root-reader", { isSuperadmin: true });
    const seen = await withPlatform({ superadminId: root.id }, async (tx) => ({
      everyTenant: (await tx.select({ tenantId: activity.tenantId }).from(activity)).length,
      a: await tenantRows(world.a.id)(tx),
      b: await tenantRows(world.b.id)(tx),
      flows: await tx.select().from(flows),
      memberships: await tx.select().from(memberships),
    }));
    expect(seen).toEqual({ everyTenant: 0, a: { activity: 0, terms: 0 }, b: { activity: 0, terms: 0 }, flows: [], memberships: [] });
  });

  it("reads one tenant's activity once it has entered it, with the access already in that log, and still no other tenant's", async () => {
    const root = await createUser("root-enter", { isSuperadmin: true });
    const seen = await withPlatform({ superadminId: root.id }, async (tx, platform) => {
      await platform.enterTenant(world.b.id, "Viewed the log", "/admin/activity?tenant=b");
      return {
        b: await tenantRows(world.b.id)(tx),
        a: await tenantRows(world.a.id)(tx),
        access: await tx.select().from(activity).where(and(eq(activity.actorUserId, root.id), eq(activity.action, "superadmin.accessed"))),
      };
    });
    expect(seen.b.activity).toBeGreaterThan(1);
    expect(seen.b.terms).toBeGreaterThan(0);
    expect(seen.a).toEqual({ activity: 0, terms: 0 });
    expect(seen.access).toMatchObject([
      {
        tenantId: world.b.id,
        summary: "Viewed the log",
        targetType: "page",
        targetId: "/admin/activity?tenant=b",
        details: { path: "/admin/activity?tenant=b", viaSuperadmin: true },
      },
    ]);
  });

  it("shows nothing to a scope that names a user who is not a superadmin, even set by raw SQL", async () => {
    const rows = await withTenant({ tenantId: world.a.id, userId: world.adminA.id }, async (tx) => {
      await tx.execute(sql`select set_config('app.platform_user_id', ${world.adminA.id}, true)`);
      return tx.select({ tenantId: activity.tenantId }).from(activity).where(eq(activity.tenantId, world.b.id));
    });
    expect(rows).toEqual([]);
  });

  it("gives a tenant transaction nothing of another tenant, even one that names a real superadmin by raw SQL", async () => {
    const root = await createUser("root-in-tenant", { isSuperadmin: true });
    const fromTenantA = await withTenant({ tenantId: world.a.id, userId: root.id }, async (tx) => {
      await tx.execute(sql`select set_config('app.platform_user_id', ${root.id}, true)`);
      return tenantRows(world.b.id)(tx);
    });
    expect(fromTenantA).toEqual({ activity: 0, terms: 0 });
  });

  it("is read-only: a superadmin cannot write into a tenant's log without entering it", async () => {
    const root = await createUser("root-writer", { isSuperadmin: true });
    expect(await databaseErrorOf(withPlatform({ superadminId: root.id }, (tx) =>
        recordActivity(claimingTenant(tx, world.a.id), { actorUserId: root.id, actorEmail: null, action: "x", summary: "forged" }),
      ),
    )).toMatch(/row-level security/);
  });
});
