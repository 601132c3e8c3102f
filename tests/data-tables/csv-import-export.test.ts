// CSV into and out of a data table. Import is all or nothing: a file with a bad row writes no row
// (batches already written roll back with the transaction) and reports every bad row's line; two
// tenants each with a table "customers" keep their own rows, and an import aimed at another
// tenant's table writes nothing there. Export: the header, values as text, formula cells neutralised.
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/scopes";
import { findDataTable, insertDataTable } from "@/db/queries/data-tables";
import { listRows } from "@/db/queries/data-table-row-page";
import type { DataColumn } from "@/db/schema";
import { dataTableCsvStream } from "@/lib/data-tables/csv-export";
import { IMPORT_BATCH_SIZE, ImportRefusedError, importCsv } from "@/lib/data-tables/csv-import";
import { createTenant } from "../support/fixtures";

const COLUMNS: DataColumn[] = [
  { name: "Company", type: "text" },
  { name: "Seats", type: "number" },
  { name: "Active", type: "boolean" },
  { name: "Since", type: "date" },
];

let tenantA: string;
let tenantB: string;
const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);
const newTable = (tenantId: string, name: string) => inTenant(tenantId, (tx) => insertDataTable(tx, { name, columns: COLUMNS, createdBy: null }));
const allRows = (tenantId: string, tableId: string) =>
  inTenant(tenantId, (tx) => listRows(tx, tableId, { sortPosition: null, dir: "asc", filter: null, words: [], cursor: null, size: 100 }));
const rowCount = async (tenantId: string, tableId: string) => (await inTenant(tenantId, (tx) => findDataTable(tx, tableId)))?.rowCount;
/** Imports `csv` (sent in small chunks, as a slow upload would) into the table inside its tenant's transaction. */
const importInto = (tenantId: string, table: { id: string; columns: DataColumn[] }, csv: string, progress?: number[]) =>
  inTenant(tenantId, (tx) => importCsv(tx, table, Readable.from(csv.match(/[\s\S]{1,7}/g) ?? []), (rows) => progress?.push(rows)));

beforeAll(async () => {
  tenantA = (await createTenant("csv-a")).id;
  tenantB = (await createTenant("csv-b")).id;
});

describe("CSV import", () => {
  it("imports every row of a good file, columns in any order and case, and keeps the row count", async () => {
    const table = await newTable(tenantA, "good file");
    const csv = 'seats,COMPANY,Active,Since\n12,"Acme, Inc.",true,2026-01-02\n,"Multi\nline",false,\n3.5,Initech,,2025-12-31\n';
    expect(await importInto(tenantA, table, csv)).toBe(3);
    const { rows } = await allRows(tenantA, table.id);
    expect(rows.map((row) => row.values)).toEqual([
      { Company: "Acme, Inc.", Seats: 12, Active: true, Since: "2026-01-02" },
      { Company: "Multi\nline", Seats: null, Active: false, Since: null },
      { Company: "Initech", Seats: 3.5, Active: false, Since: "2025-12-31" },
    ]);
    expect(await rowCount(tenantA, table.id)).toBe(3);
    // Written through the same writer as a typed row: sortable by the number.
    const sorted = await inTenant(tenantA, (tx) => listRows(tx, table.id, { sortPosition: 1, dir: "asc", filter: null, words: [], cursor: null, size: 10 }));
    expect(sorted.rows.map((row) => row.values.Company)).toEqual(["Initech", "Acme, Inc.", "Multi\nline"]);
  });

  it("refuses the whole file when a row is bad, reports each bad row's line and writes nothing, even after full batches", async () => {
    const table = await newTable(tenantA, "bad row");
    const good = Array.from({ length: IMPORT_BATCH_SIZE + 5 }, (_, index) => `Company ${index},${index},true,2026-01-01`);
    // Lines: header 1, good rows 2..1006, then the bad ones.
    const csv = ["Company,Seats,Active,Since", ...good, "Bad seats,twelve,true,2026-01-01", "Bad date,1,true,2026-02-30", "Too few,1"].join("\n");
    const progress: number[] = [];
    const refusal = await importInto(tenantA, table, csv, progress).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    const refused = refusal as ImportRefusedError;
    expect(refused.message).toBe(`3 of ${IMPORT_BATCH_SIZE + 8} rows cannot be imported, so none were. Correct them and import the file again.`);
    expect(refused.rowErrors).toEqual([
      { line: IMPORT_BATCH_SIZE + 7, message: "Seats: Enter a number." },
      { line: IMPORT_BATCH_SIZE + 8, message: "Since: Enter a date as YYYY-MM-DD." },
      { line: IMPORT_BATCH_SIZE + 9, message: "The row has 2 values; the header names 4 columns." },
    ]);
    expect(progress).toContain(1000);
    expect((await allRows(tenantA, table.id)).rows).toEqual([]);
    expect(await rowCount(tenantA, table.id)).toBe(0);
  });

  it("refuses a header that names a column the table does not have, an empty file and a broken quote", async () => {
    const table = await newTable(tenantA, "bad header");
    await expect(importInto(tenantA, table, "Company,Revenue\nAcme,1\n")).rejects.toThrow("The file's header names columns this table does not have: Revenue.");
    await expect(importInto(tenantA, table, "")).rejects.toThrow("The file is empty");
    await expect(importInto(tenantA, table, 'Company\n"unterminated\n')).rejects.toThrow("The file is not valid CSV");
    expect(await rowCount(tenantA, table.id)).toBe(0);
  });

  it("two tenants each with a table customers: an import into A's stays in A's, and one aimed at B's table from A writes nothing", async () => {
    const inA = await newTable(tenantA, "customers");
    const inB = await newTable(tenantB, "customers");
    await importInto(tenantB, inB, "Company\nBeta's customer\n");
    await importInto(tenantA, inA, "Company\nAlpha's customer\n");
    expect((await allRows(tenantA, inA.id)).rows.map((row) => row.values.Company)).toEqual(["Alpha's customer"]);
    expect((await allRows(tenantB, inB.id)).rows.map((row) => row.values.Company)).toEqual(["Beta's customer"]);
    // B's table id (with its columns) replayed inside A's scope: the rows' key pairs A's tenant with
    // B's table, which no table of A has, so the statement fails and nothing is written anywhere.
    await expect(importInto(tenantA, inB, "Company\nIntruder\n")).rejects.toThrow();
    expect((await allRows(tenantB, inB.id)).rows.map((row) => row.values.Company)).toEqual(["Beta's customer"]);
    expect(await rowCount(tenantB, inB.id)).toBe(1);
    // And A sees none of B's rows through B's id.
    expect((await allRows(tenantA, inB.id)).rows).toEqual([]);
  });
});

describe("CSV export", () => {
  const read = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

  it("writes the header and every row in batches, values as text, empty cells for empty values", async () => {
    const batches = [
      [
        { seq: 1, values: { Company: "Acme, Inc.", Seats: -5, Active: true, Since: "2026-01-02" } },
        { seq: 2, values: { Company: 'Say "hi"', Seats: null, Active: false, Since: null } },
      ],
      [{ seq: 3, values: { Company: "Last", Seats: 0.5, Active: true, Since: null } }],
    ];
    const asked: (number | undefined)[] = [];
    const csv = await read(dataTableCsvStream(COLUMNS, async (after) => (asked.push(after), batches[asked.length - 1] ?? []), 2));
    expect(csv).toBe('Company,Seats,Active,Since\n"Acme, Inc.",-5,true,2026-01-02\n"Say ""hi""",,false,\nLast,0.5,true,\n');
    expect(asked).toEqual([undefined, 2]);
  });

  it("neutralises text cells and column names a spreadsheet would run as formulas, not numbers", async () => {
    const columns: DataColumn[] = [{ name: "=Name", type: "text" }, { name: "Amount", type: "number" }];
    const csv = await read(dataTableCsvStream(columns, async () => [{ seq: 1, values: { "=Name": "=HYPERLINK(\"x\")", Amount: -3 } }, { seq: 2, values: { "=Name": "@SUM(A1)", Amount: 1 } }]));
    expect(csv).toBe("'=Name,Amount\n\"'=HYPERLINK(\"\"x\"\")\",-3\n'@SUM(A1),1\n");
  });

  it("exports what it imports: a file written by the export imports back to the same rows (a formula-like text keeps its apostrophe)", async () => {
    const table = await newTable(tenantB, "round trip source");
    await importInto(tenantB, table, 'Company,Seats,Active,Since\n"=1+1, ""quoted""",-2.25,true,2026-03-04\n,,false,\n');
    const rows = (await allRows(tenantB, table.id)).rows;
    expect(rows).toHaveLength(2);
    const csv = await read(dataTableCsvStream(COLUMNS, async () => rows));
    const copy = await newTable(tenantB, "round trip copy");
    await importInto(tenantB, copy, csv);
    const copied = (await allRows(tenantB, copy.id)).rows.map((row) => row.values);
    expect(copied).toEqual([{ ...rows[0]!.values, Company: `'${rows[0]!.values.Company}` }, rows[1]!.values]);
  });
});
