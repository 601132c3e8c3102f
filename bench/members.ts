// `npm run bench:members`: times the members page query at scale on the PostgreSQL server in
// DATABASE_URL. Creates a throw-away database, seeds one tenant with 20,000 members and 100 other
// tenants with 200 members each (bulk INSERT ... SELECT through the same scopes the app uses), then
// runs the page's own query function (listMembers, through withTenant, as the runtime role under
// row-level security) for each case and prints `case=<name> p50_ms=<x> p95_ms=<y>`, then the plans
// of the statements it ran (EXPLAIN ANALYZE) reduced to their scans. The database is dropped at the end.
import { performance } from "node:perf_hooks";
import { sql, type SQLWrapper } from "drizzle-orm";
import { vacuumAnalyze } from "../db/admin";
import { closeDatabase, migrateDatabase } from "../db/lifecycle";
import { listMembers, type MemberListQuery } from "../db/queries/members";
import { withSystem, withTenant } from "../db/scopes";
import { createTestDatabase } from "../scripts/test-database";

const MAIN_MEMBERS = 20_000;
const OTHER_TENANTS = 100;
const OTHER_MEMBERS = 200;
const USERS = 30_000;
const WARMUP = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TARGET_P95_MS = 15;

const DEFAULT: MemberListQuery = { page: 1, size: 25, sort: "joined", dir: "desc" };
const CASES: Record<string, MemberListQuery> = {
  default: DEFAULT,
  role_admin: { ...DEFAULT, role: "admin" },
  status_suspended: { ...DEFAULT, status: "suspended" },
  status_invited: { ...DEFAULT, status: "invited" },
  search_name: { ...DEFAULT, search: "kowalski" },
  search_email: { ...DEFAULT, search: "m01234" },
  deep_page: { ...DEFAULT, page: MAIN_MEMBERS / 25 },
  status_active: { ...DEFAULT, status: "active" },
  role_viewer: { ...DEFAULT, role: "viewer" },
  sort_name: { ...DEFAULT, sort: "name", dir: "asc" },
  sort_name_desc: { ...DEFAULT, sort: "name", dir: "desc" },
  sort_email: { ...DEFAULT, sort: "email", dir: "asc" },
  sort_joined_asc: { ...DEFAULT, dir: "asc" },
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Tx = Parameters<Parameters<typeof withTenant>[1]>[0];

/** The scan nodes of a query's executed plan, e.g. "Index Scan using memberships_tenant_created on memberships (rows=25)". */
async function scansOf(tx: Tx, query: SQLWrapper): Promise<string> {
  const plan = rows<{ "QUERY PLAN": string }>(await tx.execute(sql`explain (analyze, costs off, timing off, summary off) ${query}`));
  return plan
    .map((row) => row["QUERY PLAN"].trim().replace(/^->\s*/, ""))
    .filter((line) => /Scan/.test(line))
    .map((line) => line.replace(/\s*\(actual rows=(\d+) loops=(\d+)\)/, (_m, rows, loops) => ` (rows=${rows}${loops === "1" ? "" : ` ×${loops}`})`))
    .join("; ");
}

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Bulk seed through the scopes: users and tenants as global rows, each tenant's memberships inside its own withTenant. */
async function seed(): Promise<string> {
  const first = sql.raw(`array['Ada','Ben','Cleo','Dan','Eva','Finn','Gus','Hana','Ivo','Jana','Kai','Lena','Milo','Nora','Omar','Pia','Quinn','Rosa','Sami','Tess','Uma','Vik','Wes','Yara']`);
  const last = sql.raw(`array['Smith','Jones','Kowalski','Novak','Garcia','Rossi','Muller','Dubois','Silva','Tanaka','Kim','Ivanova','Larsen','Murphy','Costa','Horvat','Nagy','Popescu','Berg','Cohen','Singh','Okafor','Haddad','Lopez']`);
  const tenants = await withSystem(async (tx) => {
    // m00001@bench.example ...; 10% have never signed in (Invited).
    await tx.execute(sql`insert into users (email, name, email_verified)
      select 'm' || lpad(i::text, 5, '0') || '@bench.example',
             (${first})[1 + i % 24] || ' ' || (${last})[1 + (i / 24) % 24],
             case when i % 10 = 3 then null else now() end
      from generate_series(1, ${USERS}::int) i`);
    await tx.execute(sql`insert into tenants (slug, name, license, flow_cap) values ('bench-main', 'Bench Main', 'enterprise', 1000)`);
    await tx.execute(sql`insert into tenants (slug, name, license, flow_cap)
      select 'bench-other-' || t, 'Bench Other ' || t, 'team', 50 from generate_series(1, ${OTHER_TENANTS}::int) t`);
    return rows<{ id: string; slug: string }>(await tx.execute(sql`select id, slug from tenants order by slug`));
  });
  const main = tenants.find((t) => t.slug === "bench-main")!;
  await withTenant({ tenantId: main.id, userId: null }, (tx) =>
    // 5% Admin, 25% Viewer + Editor, 25% Editor, the rest Viewer; 2% suspended, 10% invited (the
    // accounts that never signed in); joined over ~18 months.
    tx.execute(sql`insert into memberships (tenant_id, user_id, roles, status, created_at)
      select ${main.id}, u.id,
        case when i % 20 = 0 then '{admin}' when i % 4 = 1 then '{viewer,editor}' when i % 4 = 2 then '{editor}' else '{viewer}' end::member_role[],
        case when i % 50 = 7 then 'suspended' when i % 10 = 3 then 'invited' else 'active' end::membership_status,
        now() - (${MAIN_MEMBERS} - i) * interval '37 minutes'
      from generate_series(1, ${MAIN_MEMBERS}::int) i
      join users u on u.email = 'm' || lpad(i::text, 5, '0') || '@bench.example'`),
  );
  for (const [index, other] of tenants.filter((t) => t !== main).entries()) {
    // Each other tenant: 200 consecutive users from a spread-out offset, so members overlap across tenants.
    const offset = (index * 271) % (USERS - OTHER_MEMBERS);
    await withTenant({ tenantId: other.id, userId: null }, (tx) =>
      tx.execute(sql`insert into memberships (tenant_id, user_id, roles, created_at)
        select ${other.id}, u.id, '{viewer}', now() - i * interval '1 hour'
        from generate_series(${offset + 1}::int, ${offset + OTHER_MEMBERS}::int) i
        join users u on u.email = 'm' || lpad(i::text, 5, '0') || '@bench.example'`),
    );
  }
  return main.id;
}

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres");
  process.exit(1);
}

const database = await createTestDatabase(serverUrl, "bench_members");
const missed: string[] = [];
try {
  process.env.DATABASE_URL = database.ownerUrl;
  await migrateDatabase();
  const started = performance.now();
  const tenantId = await seed();
  await vacuumAnalyze(database.ownerUrl);
  console.log(`seeded ${MAIN_MEMBERS} + ${OTHER_TENANTS}×${OTHER_MEMBERS} members in ${Math.round(performance.now() - started)} ms`);

  for (const [name, query] of Object.entries(CASES)) {
    const timings: number[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const t0 = performance.now();
      const result = await withTenant({ tenantId, userId: null }, (tx) => listMembers(tx, query));
      if (run >= WARMUP) timings.push(performance.now() - t0);
      if (run === 0 && result.rows.length === 0) throw new Error(`case ${name} found no members: the seed is wrong`);
    }
    const [p50, p95] = [percentile(timings, 50), percentile(timings, 95)];
    if (p95 >= TARGET_P95_MS) missed.push(name);
    console.log(`case=${name} p50_ms=${p50.toFixed(2)} p95_ms=${p95.toFixed(2)}`);
  }

  console.log("\nplans (EXPLAIN ANALYZE of each statement listMembers runs, scans only):");
  for (const [name, query] of Object.entries(CASES)) {
    const plans: string[] = [];
    await withTenant({ tenantId, userId: null }, (tx) =>
      listMembers(tx, query, async (statement) => {
        plans.push(await scansOf(tx, statement));
        return statement;
      }),
    );
    console.log(`plan case=${name} ${plans.join(" | then: ")}`);
  }
  if (missed.length) console.log(`\nMissed the target (p95 < ${TARGET_P95_MS} ms): ${missed.join(", ")}`);
} finally {
  await closeDatabase();
  // BENCH_KEEP=1 leaves the database for looking at plans by hand (its name is printed).
  if (process.env.BENCH_KEEP) console.log(`kept database ${database.name}`);
  else await database.drop();
}
process.exit(missed.length ? 1 : 0);
