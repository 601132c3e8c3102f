// The rows page's search and its word index (data_table_row_words, migration data_table_row_words):
// the index follows every row write (insert, a batch as an import writes it, edit, delete, deleting
// the table), both ways of running a search (reading a rare word's rows from the index, walking the
// order testing each row) give the same rows, the runtime role cannot write the index itself, and a
// tenant's search never reaches another tenant's words.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withTenant, type TenantTx } from "@/db/scopes";
import { deleteDataTable, deleteRow, insertDataTable, insertRow, insertRows, updateRow } from "@/db/queries/data-tables";
import { listRows } from "@/db/queries/data-table-row-page";
import type { DataColumn } from "@/db/schema";
import { toRowListQuery } from "@/lib/data-tables/row-page-query";
import { dataTableRowsUrlState } from "@/lib/url-state/data-table-rows";
import { createTwoTenants, databaseErrorOf } from "../support/fixtures";

const COLUMNS: DataColumn[] = [
  { name: "Company", type: "text" },
  { name: "Contact", type: "text" },
  { name: "Seats", type: "number" },
];

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let table: { id: string; columns: DataColumn[] };
const inA = <T,>(work: (tx: TenantTx) => Promise<T>) => withTenant<T>({ tenantId: world.a.id, userId: null }, work);
const inB = <T,>(work: (tx: TenantTx) => Promise<T>) => withTenant<T>({ tenantId: world.b.id, userId: null }, work);

/** The table's index entries as (word, company) pairs, sorted. */
const indexOf = (tableId: string, tx = inA) =>
  tx(async (t) =>
    (
      (await t.execute(sql`select w.word, r.values ->> 'Company' as company from data_table_row_words w
        left join data_table_rows r on r.tenant_id = w.tenant_id and r.table_id = w.table_id and r.seq = w.row_seq
        where w.table_id = ${tableId} order by 1, 2`)) as unknown as { rows: { word: string; company: string | null }[] }
    ).rows.map((row) => `${row.word}:${row.company}`),
  );

/** Companies found for the search box's text, with the given threshold (1: every word walks; a million: every word reads the index). */
const search = (q: string, rareWordRows?: number, params: Record<string, string> = {}) =>
  inA(async (tx) => (await listRows(tx, table.id, toRowListQuery(COLUMNS, dataTableRowsUrlState.parse({ ...params, q, size: "100" })).query, rareWordRows)).rows.map((row) => row.values.Company));

beforeAll(async () => {
  world = await createTwoTenants();
  table = await inA((tx) => insertDataTable(tx, { name: "customers", columns: COLUMNS, createdBy: null }));
  // One row at a time, then a batch as a CSV import writes it.
  await inA((tx) => insertRow(tx, table, { Company: "Acme Corp", Contact: "alice@acme.test", Seats: 10 }));
  await inA((tx) =>
    insertRows(tx, table, [
      { Company: "Globex", Contact: "Hank Scorpio", Seats: 2026 },
      { Company: "Initech", Contact: "Bill Lumbergh", Seats: null },
      { Company: "Acme-West", Contact: null, Seats: 3 },
      { Company: "Ünïcorn Labs", Contact: "ACME partner", Seats: 4 },
    ]),
  );
});

describe("the word index", () => {
  it("holds each row's distinct lower-case words of its text values, not its numbers", async () => {
    const entries = await indexOf(table.id);
    expect(entries).toEqual(expect.arrayContaining(["acme:Acme Corp", "alice:Acme Corp", "test:Acme Corp", "corp:Acme Corp", "acme:Acme-West", "west:Acme-West", "hank:Globex"]));
    expect(entries.filter((entry) => entry === "acme:Acme Corp")).toHaveLength(1);
    expect(entries.some((entry) => entry.startsWith("10:") || entry.startsWith("2026:"))).toBe(false);
  });

  it("follows an edit (words that went are gone, new ones come) and a delete", async () => {
    const row = await inA((tx) => insertRow(tx, table, { Company: "Soylent", Contact: "green people", Seats: 1 }));
    expect(await search("soylent")).toEqual(["Soylent"]);
    await inA((tx) => updateRow(tx, table, row.id, { Company: "Soylent", Contact: "blue people", Seats: 1 }));
    expect(await search("green")).toEqual([]);
    expect(await search("blue")).toEqual(["Soylent"]);
    expect((await indexOf(table.id)).filter((entry) => entry.endsWith(":Soylent")).sort()).toEqual(["blue:Soylent", "people:Soylent", "soylent:Soylent"]);
    await inA((tx) => deleteRow(tx, table.id, row.id));
    expect(await search("soylent")).toEqual([]);
    expect((await indexOf(table.id)).filter((entry) => entry.includes("soylent") || entry.endsWith(":null"))).toEqual([]);
  });

  it("goes with its table", async () => {
    const other = await inA((tx) => insertDataTable(tx, { name: "leads", columns: COLUMNS, createdBy: null }));
    await inA((tx) => insertRows(tx, other, [{ Company: "Lead One" }, { Company: "Lead Two" }]));
    expect(await indexOf(other.id)).toHaveLength(4);
    await inA((tx) => deleteDataTable(tx, other.id));
    expect(await indexOf(other.id)).toEqual([]);
  });

  it("cannot be written by the runtime role, even in its own tenant", async () => {
    for (const statement of [
      sql`insert into data_table_row_words (tenant_id, table_id, word, row_seq) values (${world.a.id}, ${table.id}, 'forged', 1)`,
      sql`delete from data_table_row_words`,
      sql`update data_table_row_words set word = 'x'`,
    ]) {
      expect(await databaseErrorOf(inA((tx) => tx.execute(statement)))).toMatch(/permission denied/);
    }
  });

  it("shows another tenant nothing, and its search finds nothing of this tenant's", async () => {
    expect(await indexOf(table.id, inB)).toEqual([]);
    const theirs = await inB((tx) => insertDataTable(tx, { name: "customers", columns: COLUMNS, createdBy: null }));
    await inB((tx) => insertRow(tx, theirs, { Company: "Beta Only" }));
    const query = toRowListQuery(COLUMNS, dataTableRowsUrlState.parse({ q: "acme" })).query;
    expect((await inB((tx) => listRows(tx, table.id, query))).rows).toEqual([]);
    expect((await inB((tx) => listRows(tx, theirs.id, query))).rows).toEqual([]);
    expect((await inB((tx) => listRows(tx, theirs.id, { ...query, words: ["beta"] }))).rows.map((row) => row.values.Company)).toEqual(["Beta Only"]);
  });
});

describe("the search", () => {
  const cases: [string, string[]][] = [
    ["acme", ["Acme Corp", "Acme-West", "Ünïcorn Labs"]],
    ["ACM", ["Acme Corp", "Acme-West", "Ünïcorn Labs"]],
    ["acme west", ["Acme-West"]],
    ["acme@west", ["Acme-West"]], // punctuation splits what is typed as it splits values
    ["alice", ["Acme Corp"]],
    ["acme alice", ["Acme Corp"]],
    ["test", ["Acme Corp"]], // a word inside an e-mail address
    ["lumbergh bill", ["Initech"]],
    ["cme", []], // word starts only
    ["2026", []], // numbers are not words
    ["nowhere", []],
    ["acme nowhere", []],
    ["a", ["Acme Corp", "Acme-West", "Ünïcorn Labs"]],
  ];

  it.each(cases)("%s finds the same rows read from the index and walking the order", async (q, expected) => {
    expect(await search(q, 1_000_000)).toEqual(expected);
    expect(await search(q, 1)).toEqual(expected);
    expect(await search(q)).toEqual(expected);
  });

  it("keeps the page's sort and pages by cursor through the index's rows", async () => {
    expect(await search("acme", 1_000_000, { sort: "c0", dir: "desc" })).toEqual(["Ünïcorn Labs", "Acme-West", "Acme Corp"]);
    const query = { ...toRowListQuery(COLUMNS, dataTableRowsUrlState.parse({ q: "acme", sort: "c2" })).query, size: 1 };
    const seen: unknown[] = [];
    for (let cursor = query.cursor, page = 0; page < 5; page++) {
      const read = await inA((tx) => listRows(tx, table.id, { ...query, cursor }, 1_000_000));
      seen.push(...read.rows.map((row) => row.values.Company));
      if (!read.next) break;
      cursor = read.next;
    }
    expect(seen).toEqual(["Acme-West", "Ünïcorn Labs", "Acme Corp"]);
  });
});
