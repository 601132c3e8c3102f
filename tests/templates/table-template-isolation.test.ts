// Table templates under the database's own rules: the runtime role (every tenant, and the system
// scope) reads templates but cannot insert, update or delete one; only the console's role writes them.
// A tenant's uses are tenant rows: tenant A sees and changes none of B's, and cannot point one into B.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withPlatform, withSystem, withTenant, type Tx } from "@/db/scopes";
import { dataTables, tableTemplates, tableTemplateUses } from "@/db/schema";
import { createTwoTenants, createUser, databaseErrorOf, uniqueSuffix } from "../support/fixtures";

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: { id: string };
let template: { id: string; name: string };
let useB: { id: string; tableId: string };

const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);
const COLUMNS = [{ key: "em", name: "Email", type: "text" as const }];

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
  template = await withPlatform({ superadminId: root.id }, (tx) =>
    tx.insert(tableTemplates).values({ name: `Customers ${uniqueSuffix()}`, description: "Who buys", columns: COLUMNS }).returning(),
  ).then(([row]) => row!);
  useB = await inTenant(world.b.id, async (tx) => {
    const [table] = await tx.insert(dataTables).values({ tenantId: world.b.id, name: `customers ${uniqueSuffix()}`, columns: [] }).returning();
    const [row] = await tx.insert(tableTemplateUses).values({ tenantId: world.b.id, templateId: template.id, tableId: table!.id, name: "B's own" }).returning();
    return row!;
  });
});

describe("workspace table templates", () => {
  it("every tenant reads them", async () => {
    for (const tenantId of [world.a.id, world.b.id]) {
      const rows = await inTenant(tenantId, (tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.id, template.id)));
      expect(rows.map((row) => row.name)).toEqual([template.name]);
    }
  });

  it("the runtime role cannot insert, update or delete a template, in a tenant scope or the system scope", async () => {
    type Work = (tx: Tx) => Promise<unknown>;
    for (const scope of [(work: Work) => withSystem(work), (work: Work) => inTenant(world.a.id, work)]) {
      expect(await databaseErrorOf(scope((tx) => tx.insert(tableTemplates).values({ name: `Forged ${uniqueSuffix()}`, columns: COLUMNS })))).toMatch(/permission denied/);
      expect(await databaseErrorOf(scope((tx) => tx.update(tableTemplates).set({ columns: [] }).where(eq(tableTemplates.id, template.id))))).toMatch(/permission denied/);
      expect(await databaseErrorOf(scope((tx) => tx.delete(tableTemplates).where(eq(tableTemplates.id, template.id))))).toMatch(/permission denied/);
    }
    const [row] = await withSystem((tx) => tx.select().from(tableTemplates).where(eq(tableTemplates.id, template.id)));
    expect(row).toMatchObject({ name: template.name, columns: COLUMNS });
  });

  it("the console's role writes them", async () => {
    const [row] = await withPlatform({ superadminId: root.id }, (tx) => tx.update(tableTemplates).set({ description: "Who buys" }).where(eq(tableTemplates.id, template.id)).returning());
    expect(row?.description).toBe("Who buys");
  });
});

describe("a tenant's uses of table templates", () => {
  it("tenant A sees none of B's, and cannot change or delete them", async () => {
    expect(await inTenant(world.a.id, (tx) => tx.select().from(tableTemplateUses))).toEqual([]);
    const changed = await inTenant(world.a.id, (tx) => tx.update(tableTemplateUses).set({ name: "stolen" }).where(eq(tableTemplateUses.id, useB.id)).returning());
    const deleted = await inTenant(world.a.id, (tx) => tx.delete(tableTemplateUses).where(eq(tableTemplateUses.id, useB.id)).returning());
    expect([changed, deleted]).toEqual([[], []]);
    const [row] = await inTenant(world.b.id, (tx) => tx.select().from(tableTemplateUses).where(eq(tableTemplateUses.id, useB.id)));
    expect(row?.name).toBe("B's own");
  });

  it("tenant A cannot write a use into B, nor point its own use at B's table", async () => {
    const intoB = await databaseErrorOf(inTenant(world.a.id, (tx) => tx.insert(tableTemplateUses).values({ tenantId: world.b.id, templateId: template.id, tableId: useB.tableId })));
    expect(intoB).toMatch(/row-level security/);
    // The table's foreign key leads with tenant_id: B's table id is no table of A's.
    const atB = await databaseErrorOf(inTenant(world.a.id, (tx) => tx.insert(tableTemplateUses).values({ tenantId: world.a.id, templateId: template.id, tableId: useB.tableId })));
    expect(atB).toMatch(/foreign key/);
  });

  it("no tenant set: no uses at all", async () => {
    expect(await withSystem((tx) => tx.select().from(tableTemplateUses))).toEqual([]);
  });
});
