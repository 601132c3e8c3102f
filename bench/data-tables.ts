// `npm run bench:tables`: times a page of a 1,000,000-row data table on the PostgreSQL server in
// DATABASE_URL. Creates a throw-away database, seeds one tenant's table "customers" with 1,000,000
// rows and two other tenants' tables "customers" with 100,000 rows each (bulk INSERT ... SELECT inside
// withTenant, so the rows pass the same row-level security the app's writes do; the sort keys are
// computed in SQL the way lib/data-tables/sort-keys.ts does, and checked against it), then runs the
// page's own query (listRows through withTenant, as the runtime role under row-level security) for
// each case and prints `case=<name> p50_ms=<x> p95_ms=<y>`. Exits non-zero when a case's p95 misses
// 20 ms. The database is dropped at the end (BENCH_KEEP=1 keeps it).
// The main tenant also has a 1,000,000-row table made from a workspace table template (values under
// the template columns' keys, lib/templates/effective-table.ts), whose template gained a column
// "Tier" after 900,000 rows were written: those rows have no sort key for it (cases template_*).
// The search cases read the word index data_table_row_words (db/queries/data-table-row-search.ts),
// filled by the rows' triggers during the seed; the seed prints its size beside the rows table's.
import { performance } from "node:perf_hooks";
import { sql, type SQL } from "drizzle-orm";
import { queryOnce, vacuumAnalyze } from "../db/admin";
import { closeDatabase, migrateDatabase } from "../db/lifecycle";
import { findDataTable, insertDataTable, keepColumnsStored } from "../db/queries/data-tables";
import { insertTableTemplateUse } from "../db/queries/table-templates";
import { listRows, type RowListQuery } from "../db/queries/data-table-row-page";
import { withSystem, withTenant } from "../db/scopes";
import type { DataColumn, TemplateColumn } from "../db/schema";
import { toRowListQuery } from "../lib/data-tables/row-page-query";
import { sortKey } from "../lib/data-tables/sort-keys";
import { effectiveTable, storedColumns, templateValueKey } from "../lib/templates/effective-table";
import { dataTableRowsUrlState } from "../lib/url-state/data-table-rows";
import { createTestDatabase } from "../scripts/test-database";

const MAIN_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const OTHER_ROWS = Math.min(100_000, MAIN_ROWS);
const BATCH = 50_000;
const WARMUP = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TARGET_P95_MS = 20;
/** A case whose first run takes longer than this misses the target by far: it is timed SLOW_RUNS times only. */
const SLOW_MS = 200;
const SLOW_RUNS = 10;

const COLUMNS: DataColumn[] = [
  { name: "Name", type: "text" },
  { name: "Amount", type: "number" },
  { name: "Active", type: "boolean" },
  { name: "Joined", type: "date" },
];

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Where each column's values are stored in a row (a template table's are the template columns' keys). */
interface ValueKeys {
  name: string;
  amount: string;
  active: string;
  joined: string;
  /** The template's added column, for rows written after it came; null: the row has no key for it. */
  tier: string | null;
}
const PLAIN_KEYS: ValueKeys = { name: "Name", amount: "Amount", active: "Active", joined: "Joined", tier: null };

/** lib/data-tables/sort-keys.ts's number key in SQL: the IEEE-754 bits with the sign bit set (values are never negative). */
const numberKeySql = (value: SQL) =>
  sql`case when ${value} = 'null' then null
    else lpad(to_hex(((('x' || encode(float8send((${value} #>> '{}')::float8), 'hex'))::bit(64)) | (B'1' || repeat('0', 63))::bit(64))::bigint), 16, '0') end`;

/**
 * Rows i = 1..count: "Customer <i> <word>" (every 10,000th also "zephyr", a rare word), an amount
 * 0..99,999.5 (every 7th empty), active for even i, joined on one of ~2,700 days; with a tier key, a
 * tier 0..4 (every 3rd empty).
 */
function insertRowsSql(tenantId: string, tableId: string, from: number, to: number, keys: ValueKeys = PLAIN_KEYS) {
  const tier = keys.tier === null ? sql`` : sql`, ${keys.tier}::text, case when i % 3 = 0 then null else i % 5 end`;
  return sql`insert into data_table_rows (tenant_id, table_id, values, sort_keys)
    select ${tenantId}, ${tableId}, v, array[
        left(v ->> ${keys.name}::text, 200),
        ${numberKeySql(sql`(v -> ${keys.amount}::text)`)},
        v ->> ${keys.active}::text,
        v ->> ${keys.joined}::text${keys.tier === null ? sql`` : sql`, ${numberKeySql(sql`(v -> ${keys.tier}::text)`)}`}]
    from (select jsonb_build_object(
        ${keys.name}::text, 'Customer ' || lpad(i::text, 7, '0') || ' ' || (array['alpha','bravo','charlie','delta','echo','foxtrot','golf','hotel','india','juliet'])[1 + i % 10]
                || case when i % 10000 = 0 then ' zephyr' else '' end,
        ${keys.amount}::text, case when i % 7 = 0 then null else ((i::bigint * 7919) % 100000) + (i % 2) * 0.5 end,
        ${keys.active}::text, i % 2 = 0,
        ${keys.joined}::text, to_char(date '2019-01-01' + (i % 2700), 'YYYY-MM-DD')${tier}) as v
      from generate_series(${from}::int, ${to}::int) i) generated`;
}

/** Rows from..to of a table, in batches: one transaction each stays well inside the scopes' statement timeout. */
async function insertBatches(tenantId: string, tableId: string, from: number, to: number, keys?: ValueKeys) {
  for (let start = from; start <= to; start += BATCH) {
    await withTenant({ tenantId, userId: null }, (tx) => tx.execute(insertRowsSql(tenantId, tableId, start, Math.min(to, start + BATCH - 1), keys)));
  }
}

async function seedTenant(slug: string, count: number) {
  const [tenant] = await withSystem(async (tx) =>
    rows<{ id: string }>(await tx.execute(sql`insert into tenants (slug, name, license) values (${slug}, ${slug}, 'enterprise') returning id`)),
  );
  const tenantId = tenant!.id;
  const table = await withTenant({ tenantId, userId: null }, (tx) => insertDataTable(tx, { name: "customers", columns: COLUMNS, createdBy: null }));
  await insertBatches(tenantId, table.id, 1, count);
  await setRowCount(tenantId, table.id, count);
  return { tenantId, tableId: table.id };
}

const setRowCount = (tenantId: string, tableId: string, count: number) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.execute(sql`update data_tables set row_count = ${count} where tenant_id = ${tenantId} and id = ${tableId}`));

/**
 * A table made from a workspace template in the tenant, `count` rows: the first 90% written while the
 * template had four columns, then the template gains "Tier" (the stored column list takes it in, as a
 * row write does) and the rest are written with it. The columns as the page reads them.
 */
async function seedTemplateTable(ownerUrl: string, tenantId: string, count: number) {
  const templateColumns: TemplateColumn[] = COLUMNS.map((column) => ({ key: column.name.toLowerCase(), name: column.name, type: column.type }));
  const withTier: TemplateColumn[] = [...templateColumns, { key: "tier", name: "Tier", type: "number" }];
  // Templates are written by the console's role only: the bench writes its one as the owner.
  const [template] = await queryOnce<{ id: string }>(ownerUrl, "insert into table_templates (name, columns) values ('Accounts', $1) returning id", [JSON.stringify(templateColumns)]);
  const noOverrides = { name: null, columnLabels: null, extraColumns: null };
  const before = effectiveTable({ name: "Accounts", columns: templateColumns }, noOverrides, []);
  const table = await withTenant({ tenantId, userId: null }, async (tx) => {
    const created = await insertDataTable(tx, { name: before.name, columns: storedColumns(before.columns), createdBy: null });
    await insertTableTemplateUse(tx, { templateId: template!.id, tableId: created.id, createdBy: null });
    return created;
  });
  const keys = Object.fromEntries(before.columns.map((column) => [column.templateKey!, column.key]));
  const written = Math.floor(count * 0.9);
  await insertBatches(tenantId, table.id, 1, written, { name: keys.name!, amount: keys.amount!, active: keys.active!, joined: keys.joined!, tier: null });
  await queryOnce(ownerUrl, "update table_templates set columns = $1 where id = $2", [JSON.stringify(withTier), template!.id]);
  const after = effectiveTable({ name: "Accounts", columns: withTier }, noOverrides, storedColumns(before.columns));
  await withTenant({ tenantId, userId: null }, (tx) => keepColumnsStored(tx, { id: table.id, columns: storedColumns(before.columns) }, after.columns));
  await insertBatches(tenantId, table.id, written + 1, count, { name: keys.name!, amount: keys.amount!, active: keys.active!, joined: keys.joined!, tier: templateValueKey(withTier[4]!) });
  await setRowCount(tenantId, table.id, count);
  return { tableId: table.id, columns: after.columns as DataColumn[] };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A new database: migrated, its tables seeded (the rows' indexes built after the load). */
async function seed(ownerUrl: string) {
  await migrateDatabase();
  const started = performance.now();
  // The rows' indexes (the migration's own definitions) are dropped for the bulk load and built
  // again after it as the owner: building an index once is far faster than 1,200,000 inserts into 14.
  const indexes = await queryOnce<{ indexname: string; indexdef: string }>(
    ownerUrl,
    "select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'data_table_rows' and indexname <> 'data_table_rows_pk'",
  );
  for (const index of indexes) await queryOnce(ownerUrl, `drop index "${index.indexname}"`);
  // The word index's primary key too (the triggers fill ~6 entries a row): built once after the load.
  const [wordsKey] = await queryOnce<{ definition: string }>(ownerUrl, "select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'data_table_row_words_pk'");
  await queryOnce(ownerUrl, "alter table data_table_row_words drop constraint data_table_row_words_pk");
  const main = await seedTenant("bench-main", MAIN_ROWS);
  const templated = await seedTemplateTable(ownerUrl, main.tenantId, MAIN_ROWS);
  await seedTenant("bench-other-1", OTHER_ROWS);
  await seedTenant("bench-other-2", OTHER_ROWS);
  for (const index of indexes) await queryOnce(ownerUrl, index.indexdef);
  await queryOnce(ownerUrl, `alter table data_table_row_words add constraint data_table_row_words_pk ${wordsKey!.definition}`);
  await vacuumAnalyze(ownerUrl);
  console.log(`indexes: ${indexes.map((index) => index.indexname).join(", ")}, data_table_row_words_pk`);
  const [size] = await queryOnce<{ rows: string; words: string; entries: string }>(
    ownerUrl,
    "select pg_size_pretty(pg_total_relation_size('data_table_rows')) as rows, pg_size_pretty(pg_total_relation_size('data_table_row_words')) as words, (select count(*) from data_table_row_words)::text as entries",
  );
  console.log(`size: data_table_rows ${size!.rows} (with its indexes), data_table_row_words ${size!.words} (${size!.entries} entries, with its key)`);
  console.log(`seeded 2×${MAIN_ROWS} + 2×${OTHER_ROWS} rows in ${Math.round(performance.now() - started)} ms`);

  return { main, templated };
}

/** The seeded tables of a kept database. */
async function findSeeded() {
  const [found] = await queryOnce<{ tenant_id: string; main: string; templated: string }>(
    reuse!,
    `select t.id as tenant_id, (select id from data_tables where tenant_id = t.id and name = 'customers') as main,
       (select table_id from table_template_uses where tenant_id = t.id) as templated from tenants t where t.slug = 'bench-main'`,
  );
  const table = await withTenant({ tenantId: found!.tenant_id, userId: null }, (tx) => findDataTable(tx, found!.templated));
  return { main: { tenantId: found!.tenant_id, tableId: found!.main }, templated: { tableId: table!.id, columns: table!.columns } };
}

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres");
  process.exit(1);
}

// BENCH_REUSE=<owner URL of a database kept by BENCH_KEEP=1>: time it again without seeding (a case
// that missed on a busy machine); BENCH_CASES=name,name: only those cases.
const reuse = process.env.BENCH_REUSE;
const only = process.env.BENCH_CASES?.split(",");
const database = reuse
  ? { name: new URL(reuse).pathname.slice(1), ownerUrl: reuse, drop: async () => {} }
  : await createTestDatabase(serverUrl, "bench_tables");
const missed: string[] = [];
try {
  process.env.DATABASE_URL = database.ownerUrl;
  const { main, templated } = reuse ? await findSeeded() : await seed(database.ownerUrl);

  const inMain = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId: main.tenantId, userId: null }, work);
  // The SQL number keys are the app's: check a few before timing anything.
  const sample = await inMain(async (tx) => rows<{ values: { Amount: number | null }; sort_keys: (string | null)[] }>(await tx.execute(sql`select values, sort_keys from data_table_rows where tenant_id = ${main.tenantId} and table_id = ${main.tableId} limit 50`)));
  for (const row of sample) {
    if (row.sort_keys[1] !== sortKey("number", row.values.Amount)) throw new Error(`the seed's number key ${row.sort_keys[1]} is not the app's for ${row.values.Amount}`);
  }

  const table = { id: main.tableId, columns: COLUMNS };
  const query = (params: Record<string, string>, of = table): RowListQuery => toRowListQuery(of.columns, dataTableRowsUrlState.parse(params)).query;
  /** A cursor 90% of the way through the order: the page after it is a deep page. */
  async function deepCursor(params: Record<string, string>, of = table) {
    const base = query(params, of);
    const position = base.sortPosition;
    const [row] = await inMain(async (tx) =>
      rows<{ seq: number; key: string | null }>(
        await tx.execute(sql`select seq, ${position === null ? sql`null` : sql.raw(`sort_keys[${position + 1}]`)} as key from data_table_rows
          where tenant_id = ${main.tenantId} and table_id = ${of.id}
          order by ${position === null ? sql`seq` : sql.raw(`sort_keys[${position + 1}] ${base.dir} nulls last, seq`)} ${sql.raw(base.dir)}
          offset ${Math.floor(MAIN_ROWS * 0.9)} limit 1`),
      ),
    );
    return { ...base, cursor: { way: "after" as const, key: row!.key, seq: Number(row!.seq) } };
  }

  const template = { id: templated.tableId, columns: templated.columns };
  const tier = `c${templated.columns.findIndex((column) => column.name === "Tier")}`;
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
    search_rare_and_common_word: query({ q: "zephyr alpha" }),
    search_rare_word_sorted_desc: query({ q: "zephyr", sort: "c1", dir: "desc" }),
    search_common_prefix_sorted: query({ q: "custom", sort: "c3" }),
    previous_page: { ...(await deepCursor({})), cursor: { ...(await deepCursor({})).cursor, way: "before" } },
    sort_boolean: query({ sort: "c2" }),
    sort_boolean_deep_page_desc: await deepCursor({ sort: "c2", dir: "desc" }),
  };
  // The template table: the page's columns resolved from the template; "Tier" came after 90% of the rows.
  const TEMPLATE_CASES: Record<string, RowListQuery> = {
    template_first_page: query({}, template),
    template_sort_text: query({ sort: "c0" }, template),
    template_sort_added_column: query({ sort: tier }, template),
    template_sort_added_column_desc: query({ sort: tier, dir: "desc" }, template),
    template_sort_added_column_deep_page: await deepCursor({ sort: tier }, template),
    template_sort_added_column_previous_page: { ...(await deepCursor({ sort: tier }, template)), cursor: { ...(await deepCursor({ sort: tier }, template)).cursor, way: "before" } },
    template_search_common_word: query({ q: "bravo" }, template),
  };
  const cases = [...Object.entries(CASES).map(([name, rowQuery]) => ({ name, tableId: main.tableId, rowQuery })), ...Object.entries(TEMPLATE_CASES).map(([name, rowQuery]) => ({ name, tableId: template.id, rowQuery }))];

  for (const { name, tableId, rowQuery } of cases.filter((entry) => !only || only.includes(entry.name))) {
    const timings: number[] = [];
    let [warmup, runs] = [WARMUP, RUNS];
    for (let run = 0; run < warmup + runs; run++) {
      const t0 = performance.now();
      const result = await inMain((tx) => listRows(tx, tableId, rowQuery));
      const ms = performance.now() - t0;
      if (run === 0 && ms > SLOW_MS) [warmup, runs] = [1, SLOW_RUNS];
      if (run >= warmup) timings.push(ms);
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
