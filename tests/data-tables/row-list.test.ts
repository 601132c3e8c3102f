// A data table's rows page: the URL's sort names a column by position and only whitelisted words
// reach the query; numbers sort as numbers, empty values last either way, and paging is stable.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/scopes";
import { insertDataTable, insertRow, listRows } from "@/db/queries/data-tables";
import type { DataColumn } from "@/db/schema";
import { dataTableRowsUrlState } from "@/lib/url-state/data-table-rows";
import { createTenant } from "../support/fixtures";

const COLUMNS: DataColumn[] = [
  { name: "Company", type: "text" },
  { name: "Seats", type: "number" },
];

let tenantId: string;
let tableId: string;
const inTenant = <T,>(work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);
const companies = async (query: Parameters<typeof listRows>[2]) => (await inTenant((tx) => listRows(tx, tableId, query))).rows.map((row) => row.values.Company);

beforeAll(async () => {
  tenantId = (await createTenant("rows")).id;
  tableId = (await inTenant((tx) => insertDataTable(tx, { name: "customers", columns: COLUMNS, createdBy: null }))).id;
  // Added in this order; as text "9" > "10", as numbers 9 < 10.
  for (const [company, seats] of [["Acme", 10], ["Initech", 9], ["Hooli", null], ["Globex", 100]] as const) {
    await inTenant((tx) => insertRow(tx, tableId, { Company: company, Seats: seats }));
  }
});

describe("rows page", () => {
  const base = { dir: "asc", page: 1, size: 25 } as const;

  it("sorts by when rows were added unless a column is chosen", async () => {
    expect(await companies({ ...base, sortColumn: null })).toEqual(["Acme", "Initech", "Hooli", "Globex"]);
    expect(await companies({ ...base, dir: "desc", sortColumn: null })).toEqual(["Globex", "Hooli", "Initech", "Acme"]);
  });

  it("sorts numbers as numbers and text as text, empty values last in both directions", async () => {
    expect(await companies({ ...base, sortColumn: COLUMNS[1]! })).toEqual(["Initech", "Acme", "Globex", "Hooli"]);
    expect(await companies({ ...base, dir: "desc", sortColumn: COLUMNS[1]! })).toEqual(["Globex", "Acme", "Initech", "Hooli"]);
    expect(await companies({ ...base, sortColumn: COLUMNS[0]! })).toEqual(["Acme", "Globex", "Hooli", "Initech"]);
  });

  it("pages with the total of the whole table", async () => {
    const second = await inTenant((tx) => listRows(tx, tableId, { ...base, size: 3, page: 2, sortColumn: null }));
    expect(second.total).toBe(4);
    expect(second.rows.map((row) => row.values.Company)).toEqual(["Globex"]);
  });

  it("reads a column position or 'added' from the URL and nothing else", () => {
    expect(dataTableRowsUrlState.parse({ sort: "c1", dir: "desc", page: "2" })).toMatchObject({ sort: "c1", dir: "desc", page: 2 });
    expect(dataTableRowsUrlState.parse({ sort: "values->>'x'" })).toMatchObject({ sort: "added", dir: "asc" });
    expect(dataTableRowsUrlState.parse({ sort: "c12" }).sort).toBe("added");
    expect(dataTableRowsUrlState.href("/t/a/tables/x", { sort: "c0", dir: "asc", page: 1 })).toBe("/t/a/tables/x?sort=c0");
  });
});
