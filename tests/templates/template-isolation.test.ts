// Flow templates under the database's own rules: the runtime role (every tenant, and the system scope)
// reads templates but cannot insert, update or delete one; only the console's role writes them. A
// tenant's customisations are tenant rows: tenant A sees and changes none of B's, and cannot point one
// into B.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withPlatform, withSystem, withTenant, type Tx } from "@/db/scopes";
import { flows, flowTemplates, flowTemplateUses } from "@/db/schema";
import { createTwoTenants, createUser, databaseErrorOf, uniqueSuffix } from "../support/fixtures";

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: { id: string };
let template: { id: string; name: string };
let useB: { id: string };
let flowB: { id: string };

const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
  template = await withPlatform({ superadminId: root.id }, (tx) =>
    tx.insert(flowTemplates).values({ name: `Onboarding ${uniqueSuffix()}`, description: "Welcome", steps: ["validate"] }).returning(),
  ).then(([row]) => row!);
  flowB = await inTenant(world.b.id, (tx) => tx.insert(flows).values({ tenantId: world.b.id, name: "B's own", steps: ["validate"] }).returning()).then(([row]) => row!);
  useB = await inTenant(world.b.id, (tx) =>
    tx.insert(flowTemplateUses).values({ tenantId: world.b.id, templateId: template.id, name: "B's own", flowId: flowB.id, templateSyncedAt: new Date() }).returning(),
  ).then(([row]) => row!);
});

describe("workspace flow templates", () => {
  it("every tenant reads them", async () => {
    for (const tenantId of [world.a.id, world.b.id]) {
      const rows = await inTenant(tenantId, (tx) => tx.select().from(flowTemplates).where(eq(flowTemplates.id, template.id)));
      expect(rows.map((row) => row.name)).toEqual([template.name]);
    }
  });

  it("the runtime role cannot insert, update or delete a template, in a tenant scope or the system scope", async () => {
    type Work = (tx: Tx) => Promise<unknown>;
    for (const scope of [(work: Work) => withSystem(work), (work: Work) => inTenant(world.a.id, work)]) {
      expect(await databaseErrorOf(scope((tx) => tx.insert(flowTemplates).values({ name: `Forged ${uniqueSuffix()}`, steps: ["fail"] })))).toMatch(/permission denied/);
      expect(await databaseErrorOf(scope((tx) => tx.update(flowTemplates).set({ description: "hacked" }).where(eq(flowTemplates.id, template.id))))).toMatch(/permission denied/);
      expect(await databaseErrorOf(scope((tx) => tx.delete(flowTemplates).where(eq(flowTemplates.id, template.id))))).toMatch(/permission denied/);
    }
    const [row] = await withSystem((tx) => tx.select().from(flowTemplates).where(eq(flowTemplates.id, template.id)));
    expect(row).toMatchObject({ name: template.name, description: "Welcome" });
  });

  it("the console's role writes them", async () => {
    const [row] = await withPlatform({ superadminId: root.id }, (tx) => tx.update(flowTemplates).set({ description: "Welcome" }).where(eq(flowTemplates.id, template.id)).returning());
    expect(row?.description).toBe("Welcome");
  });
});

describe("a tenant's customisations", () => {
  it("tenant A sees none of B's, and cannot change or delete them", async () => {
    expect(await inTenant(world.a.id, (tx) => tx.select().from(flowTemplateUses))).toEqual([]);
    const changed = await inTenant(world.a.id, (tx) => tx.update(flowTemplateUses).set({ name: "stolen" }).where(eq(flowTemplateUses.id, useB.id)).returning());
    const deleted = await inTenant(world.a.id, (tx) => tx.delete(flowTemplateUses).where(eq(flowTemplateUses.id, useB.id)).returning());
    expect([changed, deleted]).toEqual([[], []]);
    const [row] = await inTenant(world.b.id, (tx) => tx.select().from(flowTemplateUses).where(eq(flowTemplateUses.id, useB.id)));
    expect(row?.name).toBe("B's own");
  });

  it("tenant A cannot write a customisation into B", async () => {
    const error = await databaseErrorOf(
      inTenant(world.a.id, (tx) => tx.insert(flowTemplateUses).values({ tenantId: world.b.id, templateId: template.id, flowId: flowB.id, templateSyncedAt: new Date() })),
    );
    expect(error).toMatch(/row-level security/);
  });

  it("tenant A cannot link its own customisation to B's flow (the flow key includes the tenant)", async () => {
    const error = await databaseErrorOf(
      inTenant(world.a.id, (tx) => tx.insert(flowTemplateUses).values({ tenantId: world.a.id, templateId: template.id, flowId: flowB.id, templateSyncedAt: new Date() })),
    );
    expect(error).toMatch(/foreign key/);
  });

  it("no tenant set: no customisations at all", async () => {
    expect(await withSystem((tx) => tx.select().from(flowTemplateUses))).toEqual([]);
  });
});
