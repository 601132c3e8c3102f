// A column added to a table after rows were written (a template's new column: the stored column list
// grows, lib/templates/effective-table.ts): the rows written before have no sort key for it until
// written again. Sorting by that column must still list every row, those rows with the empty values
// (last in either direction, by when added), and page through them by cursor both ways; and the
// page's query reads them from an index (key_count), not by a scan of the table.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { insertDataTable, insertRow } from "@/db/queries/data-tables";
import { listRows, type RowCursor } from "@/db/queries/data-table-row-page";
import type { DataColumn } from "@/db/schema";
import { toRowListQuery } from "@/lib/data-tables/row-page-query";
import { dataTableRowsUrlState } from "@/lib/url-state/data-table-rows";
import { createTenant } from "../support/fixtures";

const BEFORE: DataColumn[] = [
  { name: "Company", type: "text" },
  { name: "Seats", type: "number" },
];
const AFTER: DataColumn[] = [...BEFORE, { name: "Tier", type: "number" }];

let tenantId: string;
let tableId: string;
const inTenant = <T,>(work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);
const queryFor = (params: Record<string, string>) => toRowListQuery(AFTER, dataTableRowsUrlState.parse(params)).query;

/** Every row's company, page by page of `size`, following `next` (or from past the end, `previous`). */
async function walk(params: Record<string, string>, size: number, way: "next" | "previous") {
  const query = queryFor(params);
  const seen: unknown[] = [];
  if (way === "next") {
    let cursor: RowCursor | null = null;
    for (;;) {
      const page = await inTenant((tx) => listRows(tx, tableId, { ...query, size, cursor }));
      seen.push(...page.rows.map((row) => row.values.Company));
      if (!page.next) return seen;
      cursor = page.next;
    }
  }
  let before: RowCursor | null = { way: "before", key: null, seq: query.dir === "desc" ? -1 : Number.MAX_SAFE_INTEGER };
  while (before) {
    const page = await inTenant((tx) => listRows(tx, tableId, { ...query, size, cursor: before }));
    seen.unshift(...page.rows.map((row) => row.values.Company));
    before = page.previous;
  }
  return seen;
}

beforeAll(async () => {
  tenantId = (await createTenant("added-column")).id;
  const table = await inTenant((tx) => insertDataTable(tx, { name: "customers", columns: BEFORE, createdBy: null }));
  tableId = table.id;
  // Written with two columns (two sort keys each).
  for (const [company, seats] of [["Old A", 3], ["Old B", 1], ["Old C", 2]] as const) await inTenant((tx) => insertRow(tx, { id: tableId, columns: BEFORE }, { Company: company, Seats: seats }));
  // The column Tier arrives; rows written since have three keys, some with Tier empty.
  for (const [company, tier] of [["New A", 2], ["New B", null], ["New C", 1]] as const) await inTenant((tx) => insertRow(tx, { id: tableId, columns: AFTER }, { Company: company, Seats: 5, Tier: tier }));
});

describe("sorting by a column added after rows were written", () => {
  it("lists every row: values first, then the empty ones and the older rows together, by when added, in either direction", async () => {
    const first = (params: Record<string, string>) => inTenant(async (tx) => (await listRows(tx, tableId, queryFor(params))).rows.map((row) => row.values.Company));
    expect(await first({ sort: "c2" })).toEqual(["New C", "New A", "Old A", "Old B", "Old C", "New B"]);
    expect(await first({ sort: "c2", dir: "desc" })).toEqual(["New A", "New C", "New B", "Old C", "Old B", "Old A"]);
    // The older columns sort as before.
    expect(await first({ sort: "c1" })).toEqual(["Old B", "Old C", "Old A", "New A", "New B", "New C"]);
  });

  it("pages forwards and back by cursor, one row at a time, to the same order", async () => {
    for (const dir of ["asc", "desc"]) {
      const whole = await walk({ sort: "c2", dir }, 100, "next");
      expect(whole).toHaveLength(6);
      expect(await walk({ sort: "c2", dir }, 1, "next")).toEqual(whole);
      expect(await walk({ sort: "c2", dir }, 2, "previous")).toEqual(whole);
    }
  });

  it("a filter or a search still applies to the older rows", async () => {
    const companies = async (params: Record<string, string>) => inTenant(async (tx) => (await listRows(tx, tableId, queryFor(params))).rows.map((row) => row.values.Company));
    expect(await companies({ sort: "c2", q: "old" })).toEqual(["Old A", "Old B", "Old C"]);
    expect(await companies({ sort: "c2", fc: "c1", fv: "5" })).toEqual(["New C", "New A", "New B"]);
  });

  it("reads the older rows through the key count index under row-level security, not a scan of the table", async () => {
    const plan = await inTenant(async (tx) => {
      // (A table this small could be read whole: only the index's use is in question.) Plain index
      // scans are off too: by estimates alone, once the suite's other tables have filled the
      // statistics with one-row tables, (tenant_id, table_id, seq) with a filter on key_count costs
      // the same and was picked now and then. An index-only scan of `seq` by key_count can only be
      // this index's, and only if key_count = 2 is an index condition under row-level security.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local enable_indexscan = off`);
      // The page's own shape for these rows (db/queries/data-table-row-page.ts: one key count at a
      // time, in seq order, a page's worth): without the order, a table this small may as well be read
      // through any index on (tenant_id, table_id), which the planner picks by estimates alone.
      const rows = await tx.execute(sql`explain select seq from data_table_rows where tenant_id = ${tenantId} and table_id = ${tableId} and key_count = 2 order by seq limit 26`);
      return (rows as unknown as { rows: { "QUERY PLAN": string }[] }).rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan, plan).toMatch(/data_table_rows_key_count/);
    expect(plan).toMatch(/Index Cond:[^\n]*key_count = 2/);
  });
});
