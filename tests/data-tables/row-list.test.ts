// A data table's rows page: the URL's sort names a column by position and only whitelisted words
// reach the query; numbers sort as numbers, empty values last either way; the filter, the search and
// keyset paging (forwards and back, across the empty values' segment) give the same rows as the
// whole list read in one go.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/scopes";
import { insertDataTable, insertRow } from "@/db/queries/data-tables";
import { listRows, type RowCursor } from "@/db/queries/data-table-row-page";
import type { DataColumn } from "@/db/schema";
import { decodeCursor, encodeCursor, toRowListQuery } from "@/lib/data-tables/row-page-query";
import { sortKey } from "@/lib/data-tables/sort-keys";
import { dataTableRowsUrlState } from "@/lib/url-state/data-table-rows";
import { createTenant } from "../support/fixtures";

const COLUMNS: DataColumn[] = [
  { name: "Company", type: "text" },
  { name: "Seats", type: "number" },
  { name: "Active", type: "boolean" },
];

let tenantId: string;
let tableId: string;
const inTenant = <T,>(work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);
/** The page for the URL's search params, as the page itself reads it. */
const pageFor = (params: Record<string, string>) =>
  inTenant((tx) => listRows(tx, tableId, toRowListQuery(COLUMNS, dataTableRowsUrlState.parse(params)).query));
const companies = async (params: Record<string, string>) => (await pageFor(params)).rows.map((row) => row.values.Company);

/** Every row, page by page, following `next` (or from the end following `previous`). */
async function walk(params: Record<string, string>, way: "next" | "previous"): Promise<unknown[]> {
  const seen: unknown[] = [];
  let cursor: RowCursor | null = null;
  if (way === "previous") {
    // The last page: follow `next` to the end first.
    for (;;) {
      const page = await pageFor({ ...params, ...(cursor ? { cursor: encodeCursor(cursor) } : {}) });
      if (!page.next) break;
      cursor = page.next;
    }
    // From after the last row, back one page at a time.
    const last = await pageFor({ ...params, ...(cursor ? { cursor: encodeCursor(cursor) } : {}) });
    seen.unshift(...last.rows.map((row) => row.values.Company));
    cursor = last.previous;
    while (cursor) {
      const page = await pageFor({ ...params, cursor: encodeCursor(cursor) });
      seen.unshift(...page.rows.map((row) => row.values.Company));
      cursor = page.previous;
    }
    return seen;
  }
  for (;;) {
    const page = await pageFor({ ...params, ...(cursor ? { cursor: encodeCursor(cursor) } : {}) });
    seen.push(...page.rows.map((row) => row.values.Company));
    if (!page.next) return seen;
    cursor = page.next;
  }
}

beforeAll(async () => {
  tenantId = (await createTenant("rows")).id;
  const table = await inTenant((tx) => insertDataTable(tx, { name: "customers", columns: COLUMNS, createdBy: null }));
  tableId = table.id;
  // Added in this order; as text "9" > "10", as numbers 9 < 10; -2.5 < 0 < 9.
  const rows = [["Acme", 10, true], ["Initech", 9, false], ["Hooli", null, true], ["Globex", 100, null], ["Umbrella", -2.5, true], ["Stark", 0, false], ["Wayne", null, false]] as const;
  for (const [company, seats, active] of rows) await inTenant((tx) => insertRow(tx, table, { Company: company, Seats: seats, Active: active }));
});

describe("rows page", () => {
  it("sorts by when rows were added unless a column is chosen", async () => {
    expect(await companies({})).toEqual(["Acme", "Initech", "Hooli", "Globex", "Umbrella", "Stark", "Wayne"]);
    expect(await companies({ dir: "desc" })).toEqual(["Wayne", "Stark", "Umbrella", "Globex", "Hooli", "Initech", "Acme"]);
  });

  it("sorts numbers as numbers (negatives and zero too) and text as text, empty values last in both directions", async () => {
    expect(await companies({ sort: "c1" })).toEqual(["Umbrella", "Stark", "Initech", "Acme", "Globex", "Hooli", "Wayne"]);
    expect(await companies({ sort: "c1", dir: "desc" })).toEqual(["Globex", "Acme", "Initech", "Stark", "Umbrella", "Wayne", "Hooli"]);
    expect(await companies({ sort: "c0" })).toEqual(["Acme", "Globex", "Hooli", "Initech", "Stark", "Umbrella", "Wayne"]);
  });

  it("pages forwards and back by cursor to the same order as one read, across the empty values", async () => {
    for (const params of [{ size: "10" }, { sort: "c1" }, { sort: "c1", dir: "desc" }, { dir: "desc" }] as Record<string, string>[]) {
      const whole = await companies({ ...params, size: "100" });
      // A page size of 2 (not one of the page sizes) is not in the URL state: ask listRows directly.
      const pages: unknown[] = [];
      let cursor: RowCursor | null = null;
      const query = toRowListQuery(COLUMNS, dataTableRowsUrlState.parse(params)).query;
      for (;;) {
        const page = await inTenant((tx) => listRows(tx, tableId, { ...query, size: 2, cursor }));
        pages.push(...page.rows.map((row) => row.values.Company));
        if (!page.next) break;
        cursor = page.next;
      }
      expect(pages).toEqual(whole);
      // And backwards from the end with the same small pages.
      const back: unknown[] = [];
      // Past the end of the order: the empty values' segment comes last, its rows by seq in the direction.
      let before: RowCursor | null = { way: "before", key: null, seq: query.dir === "desc" ? -1 : Number.MAX_SAFE_INTEGER };
      while (before) {
        const page = await inTenant((tx) => listRows(tx, tableId, { ...query, size: 2, cursor: before }));
        back.unshift(...page.rows.map((row) => row.values.Company));
        before = page.previous;
      }
      expect(back).toEqual(whole);
    }
    expect(await walk({}, "next")).toEqual(await companies({}));
    expect(await walk({ sort: "c1" }, "previous")).toEqual(await companies({ sort: "c1" }));
  });

  it("says there is no previous page on the first and no next page on the last", async () => {
    const first = await pageFor({});
    expect(first.previous).toBeNull();
    expect(first.next).toBeNull(); // 7 rows, 25 a page
  });

  it("filters one column by a value of its type, and reads a value it cannot hold as a problem", async () => {
    expect(await companies({ fc: "c2", fv: "true" })).toEqual(["Acme", "Hooli", "Umbrella"]);
    expect(await companies({ fc: "c1", fv: "9" })).toEqual(["Initech"]);
    expect(await companies({ fc: "c0", fv: "Stark" })).toEqual(["Stark"]);
    expect(await companies({ fc: "c2", fv: "false", sort: "c0", dir: "desc" })).toEqual(["Wayne", "Stark", "Initech"]);
    expect(toRowListQuery(COLUMNS, dataTableRowsUrlState.parse({ fc: "c1", fv: "many" })).filterProblem).toBe("Enter a number.");
  });

  it("searches words and word starts of the text values, every word", async () => {
    expect(await companies({ q: "glob" })).toEqual(["Globex"]);
    expect(await companies({ q: "INITECH" })).toEqual(["Initech"]);
    expect(await companies({ q: "acme hooli" })).toEqual([]);
    // Only letters and digits reach the query: tsquery syntax is not an error, just not a word.
    expect(await companies({ q: "acme:* | !'" })).toEqual(["Acme"]);
  });

  it("reads a column position or 'added' from the URL and nothing else, and only a well-formed cursor", () => {
    expect(dataTableRowsUrlState.parse({ sort: "c1", dir: "desc" })).toMatchObject({ sort: "c1", dir: "desc" });
    expect(dataTableRowsUrlState.parse({ sort: "values->>'x'" })).toMatchObject({ sort: "added", dir: "asc" });
    expect(dataTableRowsUrlState.parse({ sort: "c12" }).sort).toBe("added");
    expect(dataTableRowsUrlState.parse({ fc: "c13" }).fc).toBeUndefined();
    expect(dataTableRowsUrlState.href("/t/a/tables/x", { sort: "c0", dir: "asc" })).toBe("/t/a/tables/x?sort=c0");
    const cursor: RowCursor = { way: "before", key: sortKey("number", -2.5), seq: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(Buffer.from(JSON.stringify(["a", 1, "x"])).toString("base64url"))).toBeNull();
    expect(decodeCursor("not json")).toBeNull();
    // A sort by a column the table does not have is the added order.
    expect(toRowListQuery(COLUMNS, dataTableRowsUrlState.parse({ sort: "c7" })).query.sortPosition).toBeNull();
  });
});

describe("sort keys", () => {
  it("order numbers as numbers", () => {
    const numbers = [-1e300, -10, -2.5, -0, 0, 1e-9, 2, 9, 10, 100, 1e300];
    const keys = numbers.map((value) => sortKey("number", value)!);
    expect([...keys].sort()).toEqual(keys);
    expect(sortKey("number", -0)).toBe(sortKey("number", 0));
  });
});
