// /api/v1/tables, end to end through the route handlers: an Editor key creates a table, adds, lists
// (the grid's sort, filter, search and keyset paging, its page sizes only), edits and deletes rows,
// renames and deletes the table, each write one entry naming the key; a Viewer key is refused every
// write; bad values come back per field with the form's own messages; the license's table and row
// limits hold; tenant B's ids answer 404. (Each route × each role is in tests/api/rest-api-routes.test.ts,
// the replay of every id in tests/api/rest-api-isolation.test.ts.)
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, dataTableRows, dataTables } from "@/db/schema";
import { insertDataTable, insertRows } from "@/db/queries/data-tables";
import { createTenant, createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { actingAs } from "../support/session";
import { callApi, keyFor, type TestKey } from "../api/api-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const tableList = await import("@/app/api/v1/tables/route");
const tableRoute = await import("@/app/api/v1/tables/[tableId]/route");
const rowList = await import("@/app/api/v1/tables/[tableId]/rows/route");
const rowRoute = await import("@/app/api/v1/tables/[tableId]/rows/[rowId]/route");
const { addRow } = await import("@/app/t/[slug]/tables/actions");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let editorA: TestKey;
let viewerA: TestKey;
let editorB: TestKey;

const inTenant = <T>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId, userId: null }, work);
const rowsOf = (tenantId: string) => inTenant(tenantId, (tx) => tx.select().from(dataTableRows).where(eq(dataTableRows.tenantId, tenantId)).orderBy(dataTableRows.id));
const tablesOf = (tenantId: string) => inTenant(tenantId, (tx) => tx.select().from(dataTables).where(eq(dataTables.tenantId, tenantId)).orderBy(dataTables.id));
const COLUMNS = [
  { name: "Name", type: "text" },
  { name: "Score", type: "number" },
  { name: "Active", type: "boolean" },
  { name: "Since", type: "date" },
];

async function createTable(key: TestKey, name = `customers-${uniqueSuffix()}`) {
  const created = await callApi(tableList.POST, { key: key.key, method: "POST", body: { name, columns: COLUMNS } });
  expect(created.status, created.text).toBe(201);
  return created.body as { id: string; name: string };
}

beforeAll(async () => {
  world = await createTwoTenants({ license: "team" });
  [editorA, viewerA, editorB] = [await keyFor(world.a.id, "editor"), await keyFor(world.a.id, "viewer"), await keyFor(world.b.id, "editor")];
});

describe("/api/v1/tables", () => {
  it("creates a table, adds, reads, edits and deletes rows, renames and deletes it, as the key", async () => {
    const table = await createTable(editorA);
    const got = await callApi(tableRoute.GET, { key: viewerA.key, params: { tableId: table.id } });
    expect(got.body).toMatchObject({
      id: table.id,
      name: table.name,
      rowCount: 0,
      columns: [
        { name: "Name", type: "text", field: "c0" },
        { name: "Score", type: "number", field: "c1" },
        { name: "Active", type: "boolean", field: "c2" },
        { name: "Since", type: "date", field: "c3" },
      ],
    });
    const listed = await callApi(tableList.GET, { key: viewerA.key });
    expect((listed.body.tables as { id: string }[]).map((t) => t.id)).toContain(table.id);

    const added = await callApi(rowList.POST, { key: editorA.key, method: "POST", params: { tableId: table.id }, body: { c0: "Ada", c1: 36, c2: true, c3: "1815-12-10" } });
    expect(added.status, added.text).toBe(201);
    const rowId = added.body.id as string;
    const row = await callApi(rowRoute.GET, { key: viewerA.key, params: { tableId: table.id, rowId } });
    expect(row.body).toMatchObject({ id: rowId, values: { Name: "Ada", Score: 36, Active: true, Since: "1815-12-10" } });

    const edited = await callApi(rowRoute.PATCH, { key: editorA.key, method: "PATCH", params: { tableId: table.id, rowId }, body: { c0: "Ada Lovelace", c1: "37" } });
    expect(edited.status, edited.text).toBe(200);
    expect((await callApi(rowRoute.GET, { key: viewerA.key, params: { tableId: table.id, rowId } })).body).toMatchObject({
      values: { Name: "Ada Lovelace", Score: 37, Active: false, Since: null },
    });

    const renamed = await callApi(tableRoute.PATCH, { key: editorA.key, method: "PATCH", params: { tableId: table.id }, body: { name: `${table.name}-renamed` } });
    expect(renamed.body).toEqual({ id: table.id, name: `${table.name}-renamed` });
    expect((await callApi(rowRoute.DELETE, { key: editorA.key, method: "DELETE", params: { tableId: table.id, rowId } })).status).toBe(200);
    expect((await rowsOf(world.a.id)).map((r) => r.id)).not.toContain(rowId);
    expect((await callApi(tableRoute.DELETE, { key: editorA.key, method: "DELETE", params: { tableId: table.id } })).status).toBe(200);
    expect((await tablesOf(world.a.id)).map((t) => t.id)).not.toContain(table.id);

    const entries = await inTenant(world.a.id, (tx) =>
      tx.select().from(activity).where(and(eq(activity.tenantId, world.a.id), eq(activity.targetId, table.id))).orderBy(activity.createdAt),
    );
    expect(entries.map((entry) => entry.action)).toEqual([
      "data_table.created",
      "data_table.row_added",
      "data_table.row_updated",
      "data_table.renamed",
      "data_table.row_deleted",
      "data_table.deleted",
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ actorUserId: null, actorEmail: editorA.name, details: expect.objectContaining({ apiKeyId: editorA.id }) });
      expect(entry.summary).toMatch(/ \(API key\)$/);
    }
    expect(entries[1]!.summary).toBe(`${editorA.name} added a row to the table ${table.name} (API key)`);
  });

  it("lists rows with the grid's sort, filter, search and keyset cursors, in its page sizes only", async () => {
    const table = await createTable(editorA);
    await inTenant(world.a.id, async (tx) => {
      const [stored] = await tx.select().from(dataTables).where(eq(dataTables.id, table.id));
      await insertRows(tx, stored!, Array.from({ length: 30 }, (_, i) => ({ Name: i % 2 ? `odd ${i}` : `even ${i}`, Score: i, Active: i % 3 === 0, Since: null })));
    });
    const path = (query: string) => `/api/v1/tables/${table.id}/rows?${query}`;
    const first = await callApi(rowList.GET, { key: viewerA.key, params: { tableId: table.id }, path: path("sort=c1&dir=desc&size=10") });
    expect(first.status, first.text).toBe(200);
    expect((first.body.rows as { values: { Score: number } }[]).map((r) => r.values.Score)).toEqual([29, 28, 27, 26, 25, 24, 23, 22, 21, 20]);
    expect(first.body).toMatchObject({ total: 30, size: 10, previous: null, next: expect.any(String) });
    const second = await callApi(rowList.GET, { key: viewerA.key, params: { tableId: table.id }, path: path(`sort=c1&dir=desc&size=10&cursor=${first.body.next}`) });
    expect((second.body.rows as { values: { Score: number } }[])[0]!.values.Score).toBe(19);
    expect(second.body.previous).toEqual(expect.any(String));

    const filtered = await callApi(rowList.GET, { key: viewerA.key, params: { tableId: table.id }, path: path("fc=c2&fv=true&size=100") });
    expect((filtered.body.rows as { values: { Active: boolean } }[]).length).toBe(10);
    const searched = await callApi(rowList.GET, { key: viewerA.key, params: { tableId: table.id }, path: path("q=odd") });
    expect((searched.body.rows as unknown[]).length).toBe(15);

    // A page size the grid does not offer falls back to its default (25): a page is bounded.
    const huge = await callApi(rowList.GET, { key: viewerA.key, params: { tableId: table.id }, path: path("size=100000") });
    expect(huge.body.size).toBe(25);
    expect((huge.body.rows as unknown[]).length).toBe(25);

    const badFilter = await callApi(rowList.GET, { key: viewerA.key, params: { tableId: table.id }, path: path("fc=c1&fv=lots") });
    expect(badFilter).toMatchObject({ status: 422, contentType: "application/problem+json", body: { code: "VALIDATION", errors: { fv: ["Enter a number."] } } });
  });

  it("answers a row's values by column name when the table stores them under keys (a template's columns)", async () => {
    const columns = [
      { name: "Customer", type: "text" as const, key: "t:k1:text" },
      { name: "Seats", type: "number" as const, key: "t:k2:number" },
    ];
    const { table, row } = await inTenant(world.a.id, async (tx) => {
      const table = await insertDataTable(tx, { name: `keyed-${uniqueSuffix()}`, columns, createdBy: null });
      const [row] = await insertRows(tx, table, [{ "t:k1:text": "Ada", "t:k2:number": 3 }]);
      return { table, row: row! };
    });
    const listed = await callApi(rowList.GET, { key: viewerA.key, params: { tableId: table.id } });
    expect((listed.body.rows as { values: unknown }[]).map((r) => r.values)).toEqual([{ Customer: "Ada", Seats: 3 }]);
    const one = await callApi(rowRoute.GET, { key: viewerA.key, params: { tableId: table.id, rowId: row.id } });
    expect(one.body).toMatchObject({ id: row.id, values: { Customer: "Ada", Seats: 3 } });
  });

  it("refuses a Viewer key's writes (403) and writes nothing", async () => {
    const table = await createTable(editorA);
    const added = await callApi(rowList.POST, { key: editorA.key, method: "POST", params: { tableId: table.id }, body: { c0: "kept" } });
    const rowId = added.body.id as string;
    const [tablesBefore, rowsBefore] = [await tablesOf(world.a.id), await rowsOf(world.a.id)];
    const refused = [
      await callApi(tableList.POST, { key: viewerA.key, method: "POST", body: { name: "nope", columns: COLUMNS } }),
      await callApi(tableRoute.PATCH, { key: viewerA.key, method: "PATCH", params: { tableId: table.id }, body: { name: "nope" } }),
      await callApi(tableRoute.DELETE, { key: viewerA.key, method: "DELETE", params: { tableId: table.id } }),
      await callApi(rowList.POST, { key: viewerA.key, method: "POST", params: { tableId: table.id }, body: { c0: "nope" } }),
      await callApi(rowRoute.PATCH, { key: viewerA.key, method: "PATCH", params: { tableId: table.id, rowId }, body: { c0: "nope" } }),
      await callApi(rowRoute.DELETE, { key: viewerA.key, method: "DELETE", params: { tableId: table.id, rowId } }),
    ];
    for (const answer of refused) expect(answer).toMatchObject({ status: 403, contentType: "application/problem+json" });
    expect(await tablesOf(world.a.id)).toEqual(tablesBefore);
    expect(await rowsOf(world.a.id)).toEqual(rowsBefore);
  });

  it("answers bad values per field with the form's messages (422), writing nothing", async () => {
    const table = await createTable(editorA);
    const before = await rowsOf(world.a.id);
    const body = { c0: "x".repeat(1001), c1: "twelve", c2: "perhaps", c3: "2026-02-30" };
    const answer = await callApi(rowList.POST, { key: editorA.key, method: "POST", params: { tableId: table.id }, body });
    const form = await actingAs(world.adminA, () => addRow(world.a.slug, null, { tableId: table.id, ...body }));
    expect(form.ok).toBe(false);
    expect(answer).toMatchObject({ status: 422, contentType: "application/problem+json" });
    expect(answer.body.errors).toEqual(form.ok ? null : form.fieldErrors);
    expect(answer.body.errors).toEqual({
      c0: ["Use at most 1000 characters."],
      c1: ["Enter a number."],
      c2: ["Choose yes or no."],
      c3: ["Enter a date as YYYY-MM-DD."],
    });
    const noColumns = await callApi(tableList.POST, { key: editorA.key, method: "POST", body: { name: "", columns: [] } });
    expect(noColumns).toMatchObject({ status: 422, body: { errors: { name: [expect.any(String)], columns: ["Add at least one column."] } } });
    const taken = await callApi(tableList.POST, { key: editorA.key, method: "POST", body: { name: table.name.toUpperCase(), columns: COLUMNS } });
    expect(taken).toMatchObject({ status: 409, body: { errors: { name: ["A table with this name already exists in this tenant."] } } });
    expect(await rowsOf(world.a.id)).toEqual(before);
  });

  it("holds the license's table and row limits (409 with the page's message)", async () => {
    const free = await createTenant("free-tables", { license: "free" });
    const key = await keyFor(free.id, "editor");
    for (let i = 0; i < 5; i++) await createTable(key, `t${i}`);
    const sixth = await callApi(tableList.POST, { key: key.key, method: "POST", body: { name: "t5", columns: COLUMNS } });
    expect(sixth).toMatchObject({ status: 409, body: { code: "CONFLICT", detail: expect.stringMatching(/limit of 5 tables on the Free license/) } });
    expect(await tablesOf(free.id)).toHaveLength(5);
    // 10,000 rows across the tenant's tables (counted by the tables' row counts, as the limit reads them).
    const [table] = await tablesOf(free.id);
    await inTenant(free.id, (tx) => tx.update(dataTables).set({ rowCount: 10_000 }).where(eq(dataTables.id, table!.id)));
    const row = await callApi(rowList.POST, { key: key.key, method: "POST", params: { tableId: table!.id }, body: { c0: "one too many" } });
    expect(row).toMatchObject({ status: 409, body: { detail: expect.stringMatching(/limit of 10,000 rows/) } });
    expect(await rowsOf(free.id)).toEqual([]);
  });

  it("A's key with B's table and row ids: 404, B unchanged; two tables called customers stay apart", async () => {
    const name = `customers-${uniqueSuffix()}`;
    const tableB = await createTable(editorB, name);
    const tableA = await createTable(editorA, name);
    const rowB = await callApi(rowList.POST, { key: editorB.key, method: "POST", params: { tableId: tableB.id }, body: { c0: "B's customer" } });
    await callApi(rowList.POST, { key: editorA.key, method: "POST", params: { tableId: tableA.id }, body: { c0: "A's customer" } });
    const before = [await tablesOf(world.b.id), await rowsOf(world.b.id)];
    const ids = { tableId: tableB.id, rowId: rowB.body.id as string };
    const replays = [
      await callApi(tableRoute.GET, { key: editorA.key, params: { tableId: tableB.id } }),
      await callApi(rowList.GET, { key: editorA.key, params: { tableId: tableB.id } }),
      await callApi(rowRoute.GET, { key: editorA.key, params: ids }),
      await callApi(rowRoute.GET, { key: editorA.key, params: { tableId: tableA.id, rowId: ids.rowId } }),
      await callApi(tableRoute.PATCH, { key: editorA.key, method: "PATCH", params: { tableId: tableB.id }, body: { name: "hijacked" } }),
      await callApi(rowList.POST, { key: editorA.key, method: "POST", params: { tableId: tableB.id }, body: { c0: "planted" } }),
      await callApi(rowRoute.PATCH, { key: editorA.key, method: "PATCH", params: ids, body: { c0: "hijacked" } }),
      await callApi(rowRoute.DELETE, { key: editorA.key, method: "DELETE", params: ids }),
      await callApi(tableRoute.DELETE, { key: editorA.key, method: "DELETE", params: { tableId: tableB.id } }),
      await callApi(tableRoute.GET, { key: editorA.key, params: { tableId: "not-a-uuid" } }),
    ];
    for (const answer of replays) {
      expect(answer.status, answer.text).toBe(404);
      expect(answer.text).not.toContain("B's customer");
    }
    expect([await tablesOf(world.b.id), await rowsOf(world.b.id)]).toEqual(before);
    const rowsA = await callApi(rowList.GET, { key: editorA.key, params: { tableId: tableA.id } });
    expect((rowsA.body.rows as { values: { Name: string } }[]).map((r) => r.values.Name)).toEqual(["A's customer"]);
    expect(JSON.stringify((await callApi(tableList.GET, { key: editorA.key })).body)).not.toContain(tableB.id);
  });
});
