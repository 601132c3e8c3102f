// The license's data table limits, held under concurrency: parallel creates and row adds of one
// tenant count one after another (the tenant row is locked), so exactly the allowed number succeed;
// the refusal says the limit, for the form; an import beyond the row limit writes nothing.
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { dataTableUsage, findDataTable, insertDataTable, insertRows } from "@/db/queries/data-tables";
import { importCsv, ImportRefusedError } from "@/lib/data-tables/csv-import";
import { rowLimitMessage, rowsAllowed } from "@/lib/data-tables/limits";
import { LICENSES } from "@/lib/licenses";
import { createTwoTenants } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createDataTable, addRow } = await import("@/app/t/[slug]/tables/actions");

const FREE = LICENSES.free;
let world: Awaited<ReturnType<typeof createTwoTenants>>;
const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);

beforeAll(async () => {
  world = await createTwoTenants({ license: "free" });
});

describe("data table limits per license", () => {
  it("creates exactly the free license's tables when more are created at once, and says why the rest are refused", async () => {
    signInAs(world.adminA);
    const results = await Promise.all(
      Array.from({ length: FREE.tableLimit + 3 }, (_, index) => createDataTable(world.a.slug, null, { name: `parallel ${index}`, columns: [{ name: "Name", type: "text" }] })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(FREE.tableLimit);
    const refused = results.filter((result) => !result.ok);
    expect(refused).toHaveLength(3);
    for (const result of refused) expect(result).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining(`limit of ${FREE.tableLimit} tables on the Free license`) });
    expect((await inTenant(world.a.id, (tx) => dataTableUsage(tx))).tables).toBe(FREE.tableLimit);
    // Tenant B's allowance is its own.
    signInAs(world.adminB);
    expect(await createDataTable(world.b.slug, null, { name: "parallel 0", columns: [{ name: "Name", type: "text" }] })).toMatchObject({ ok: true });
  });

  it("adds exactly the rows the license has room for when rows are added at once", async () => {
    signInAs(world.adminB);
    const created = await createDataTable(world.b.slug, null, { name: "nearly full", columns: [{ name: "Name", type: "text" }] });
    if (!created.ok) throw new Error("setup: table");
    const table = (await inTenant(world.b.id, (tx) => findDataTable(tx, created.data.id)))!;
    // Two rows short of the limit, across the tenant's tables.
    await inTenant(world.b.id, (tx) => insertRows(tx, table, Array.from({ length: FREE.rowLimit - 2 }, (_, index) => ({ Name: `row ${index}` }))));
    const results = await Promise.all(Array.from({ length: 6 }, (_, index) => addRow(world.b.slug, null, { tableId: table.id, c0: `parallel ${index}` })));
    expect(results.filter((result) => result.ok)).toHaveLength(2);
    expect(results.filter((result) => !result.ok)[0]).toMatchObject({ ok: false, code: "CONFLICT", message: rowLimitMessage("free") });
    expect((await inTenant(world.b.id, (tx) => dataTableUsage(tx))).rows).toBe(FREE.rowLimit);
    expect(await inTenant(world.b.id, (tx) => rowsAllowed(tx, "free"))).toBe(0);

    // An import that does not fit writes nothing.
    await inTenant(world.b.id, (tx) => tx.execute(sql`delete from data_table_rows where tenant_id = ${world.b.id} and table_id = ${table.id} and values ->> 'Name' in ('row 0', 'row 1', 'row 2')`));
    await inTenant(world.b.id, (tx) => tx.execute(sql`update data_tables set row_count = row_count - 3 where tenant_id = ${world.b.id} and id = ${table.id}`));
    const importing = (csv: string) =>
      inTenant(world.b.id, async (tx) => importCsv(tx, table, Readable.from([csv]), undefined, { rows: await rowsAllowed(tx, "free"), message: rowLimitMessage("free") }));
    const refusal = await importing("Name\na\nb\nc\nd\n").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect((refusal as Error).message).toContain("more rows than the 3 still allowed; nothing was imported");
    expect((await inTenant(world.b.id, (tx) => dataTableUsage(tx))).rows).toBe(FREE.rowLimit - 3);
    expect(await importing("Name\na\nb\nc\n")).toBe(3);
  });

  it("does not count another tenant's tables", async () => {
    await inTenant(world.a.id, async (tx) => expect((await dataTableUsage(tx)).tables).toBe(FREE.tableLimit));
    // B created 2 tables above, whatever A has.
    await inTenant(world.b.id, async (tx) => expect((await dataTableUsage(tx)).tables).toBe(2));
    await inTenant(world.b.id, (tx) => insertDataTable(tx, { name: "third", columns: [], createdBy: null }));
  });
});
