// `npm run bench:tables`: times a page of a 1,000,000-row data table on the PostgreSQL server in
// DATABASE_URL. Creates a throw-away database, seeds one tenant's table "customers" with 1,000,000
// rows and two other tenants' tables "customers" with 100,000 rows each (bulk INSERT ... SELECT inside
// withTenant, so the rows pass the same row-level security the app's writes do; the sort keys are
// computed in SQL the way lib/data-tables/sort-keys.ts does, and checked against it), then runs the
// page's own query (listRows through withTenant, as the runtime role under row-level security) for
// each case and prints `case=<name> p50_ms=<x> p95_ms=<y>`. Exits non-zero when a case's p95 misses
// 20 ms. The database is dropped at the end (BENCH_KEEP=1 keeps it).
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { queryOnce, vacuumAnalyze } from "../db/admin";
import { closeDatabase, migrateDatabase } from "../db/lifecycle";
import { insertDataTable } from "../db/queries/data-tables";
import { listRows, type RowListQuery } from "../db/queries/data-table-row-page";
import { withSystem, withTenant } from "../db/scopes";
import type { DataColumn } from "../db/schema";
import { toRowListQuery } from "../lib/data-tables/row-page-query";
import { sortKey } from "../lib/data-tables/sort-keys";
import { dataTableRowsUrlState } from "../lib/url-state/data-table-rows";
import { createTestDatabase } from "../scripts/test-database";

const MAIN_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const OTHER_ROWS = Math.min(100_000, MAIN_ROWS);
const BATCH = 50_000;
const WARMUP = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TARGET_P95_MS = 20;

const COLUMNS: DataColumn[] = [
  { name: "Name", type: "text" },
  { name: "Amount", type: "number" },
  { name: "Active", type: "boolean" },
  { name: "Joined", type: "date" },
];

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Rows i = 1..count: "Customer <i> <word>" (every 10,000th also "zephyr", a rare word), an amount
 * 0..99,999.5 (every 7th empty), active for even i, joined on one of ~2,700 days. The number key is
 * the IEEE-754 bits with the sign bit set (amounts are never negative), as 16 hex digits.
 */
function insertRowsSql(tenantId: string, tableId: string, from: number, to: number) {
  return sql`insert into data_table_rows (tenant_id, table_id, values, sort_keys)
    select ${tenantId}, ${tableId}, v, array[
        left(v ->> 'Name', 200),
        case when v -> 'Amount' = 'null' then null
             else lpad(to_hex(((('x' || encode(float8send((v ->> 'Amount')::float8), 'hex'))::bit(64)) | (B'1' || repeat('0', 63))::bit(64))::bigint), 16, '0') end,
        v ->> 'Active',
        v ->> 'Joined']
    from (select jsonb_build_object(
        'Name', 'Customer ' || lpad(i::text, 7, '0') || ' ' || (array['alpha','bravo','charlie','delta','echo','foxtrot','golf','hotel','india','juliet'])[1 + i % 10]
                || case when i % 10000 = 0 then ' zephyr' else '' end,
        'Amount', case when i % 7 = 0 then null else ((i::bigint * 7919) % 100000) + (i % 2) * 0.5 end,
        'Active', i % 2 = 0,
        'Joined', to_char(date '2019-01-01' + (i % 2700), 'YYYY-MM-DD')) as v
      from generate_series(${from}::int, ${to}::int) i) generated`;
}

async function seedTenant(slug: string, count: number) {
  const [tenant] = await withSystem(async (tx) =>
    rows<{ id: string }>(await tx.execute(sql`insert into tenants (slug, name, license) values (${slug}, ${slug}, 'enterprise') returning id`)),
  );
  const tenantId = tenant!.id;
  const table = await withTenant({ tenantId, userId: null }, (tx) => insertDataTable(tx, { name: "customers", columns: COLUMNS, createdBy: null }));
  // Batches: one transaction each stays well inside the scopes' statement timeout.
  for (let from = 1; from <= count; from += BATCH) {
    await withTenant({ tenantId, userId: null }, (tx) => tx.execute(insertRowsSql(tenantId, table.id, from, Math.min(count, from + BATCH - 1))));
  }
  await withTenant({ tenantId, userId: null }, (tx) => tx.execute(sql`update data_tables set row_count = ${count} where tenant_id = ${tenantId} and id = ${table.id}`));
  return { tenantId, tableId: table.id };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres");
  process.exit(1);
}

const database = await createTestDatabase(serverUrl, "bench_tables");
const missed: string[] = [];
try {
  process.env.DATABASE_URL = database.ownerUrl;
  await migrateDatabase();
  const started = performance.now();
  // The rows' indexes (the migration's own definitions) are dropped for the bulk load and built
  // again after it as the owner: building an index once is far faster than 1,200,000 inserts into 14.
  const indexes = await queryOnce<{ indexname: string; indexdef: string }>(
    database.ownerUrl,
    "select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'data_table_rows' and indexname <> 'data_table_rows_pk'",
  );
  for (const index of indexes) await queryOnce(database.ownerUrl, `drop index "${index.indexname}"`);
  const main = await seedTenant("bench-main", MAIN_ROWS);
  await seedTenant("bench-other-1", OTHER_ROWS);
  await seedTenant("bench-other-2", OTHER_ROWS);
  for (const index of indexes) await queryOnce(database.ownerUrl, index.indexdef);
  await vacuumAnalyze(database.ownerUrl);
  console.log(`indexes: ${indexes.map((index) => index.indexname).join(", ")}`);
  console.log(`seeded ${MAIN_ROWS} + 2×${OTHER_ROWS} rows in ${Math.round(performance.now() - started)} ms`);

  const inMain = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId: main.tenantId, userId: null }, work);
  // The SQL number keys are the app's: check a few before timing anything.
  const sample = await inMain(async (tx) => rows<{ values: { Amount: number | null }; sort_keys: (string | null)[] }>(await tx.execute(sql`select values, sort_keys from data_table_rows where tenant_id = ${main.tenantId} and table_id = ${main.tableId} limit 50`)));
  for (const row of sample) {
    if (row.sort_keys[1] !== sortKey("number", row.values.Amount)) throw new Error(`the seed's number key ${row.sort_keys[1]} is not the app's for ${row.values.Amount}`);
  }

  const query = (params: Record<string, string>): RowListQuery => toRowListQuery(COLUMNS, dataTableRowsUrlState.parse(params)).query;
  /** A cursor 90% of the way through the order: the page after it is a deep page. */
  async function deepCursor(params: Record<string, string>) {
    const base = query(params);
    const position = base.sortPosition;
    const [row] = await inMain(async (tx) =>
      rows<{ seq: number; key: string | null }>(
        await tx.execute(sql`select seq, ${position === null ? sql`null` : sql.raw(`sort_keys[${position + 1}]`)} as key from data_table_rows
          where tenant_id = ${main.tenantId} and table_id = ${main.tableId}
          order by ${position === null ? sql`seq` : sql.raw(`sort_keys[${position + 1}] ${base.dir} nulls last, seq`)} ${sql.raw(base.dir)}
          offset ${Math.floor(MAIN_ROWS * 0.9)} limit 1`),
      ),
    );
    return { ...base, cursor: { way: "after" as const, key: row!.key, seq: Number(row!.seq) } };
  }

  const CASES: Record<string, RowListQuery> = {
    first_page: query({}),
    first_page_desc: query({ dir: "desc" }),
    deep_page: await deepCursor({}),
    sort_text: query({ sort: "c0" }),
    sort_number_desc: query({ sort: "c1", dir: "desc" }),
    sort_deep_page: await deepCursor({ sort: "c1" }),
    sort_date_deep_page_desc: await deepCursor({ sort: "c3", dir: "desc" }),
    filter_boolean: query({ fc: "c2", fv: "true" }),
    filter_number: query({ fc: "c1", fv: "19000" }), // the amount of row 1,000
    filter_date_sorted_by_it: query({ fc: "c3", fv: "2020-02-02", sort: "c3" }),
    search_common_word: query({ q: "bravo" }),
    search_rare_word: query({ q: "zephyr" }),
    search_prefix: query({ q: "zeph" }),
    search_missing_word: query({ q: "nowhere" }),
    previous_page: { ...(await deepCursor({})), cursor: { ...(await deepCursor({})).cursor, way: "before" } },
  };

  for (const [name, rowQuery] of Object.entries(CASES)) {
    const timings: number[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const t0 = performance.now();
      const result = await inMain((tx) => listRows(tx, main.tableId, rowQuery));
      if (run >= WARMUP) timings.push(performance.now() - t0);
      if (run === 0 && result.rows.length === 0 && name !== "search_missing_word") throw new Error(`case ${name} found no rows: the seed is wrong`);
    }
    const [p50, p95] = [percentile(timings, 50), percentile(timings, 95)];
    if (p95 > TARGET_P95_MS) missed.push(name);
    console.log(`case=${name} p50_ms=${p50.toFixed(2)} p95_ms=${p95.toFixed(2)}`);
  }
  if (missed.length) console.log(`\nMissed the target (p95 ≤ ${TARGET_P95_MS} ms): ${missed.join(", ")}`);
} finally {
  await closeDatabase();
  if (process.env.BENCH_KEEP) console.log(`kept database ${database.name}`);
  else await database.drop();
}
process.exit(missed.length ? 1 : 0);
