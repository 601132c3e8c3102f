// npm run bench:pages [-- --rows N] [--duration S] [--skip-build] [--keep | --reuse URL] [--pages a,b]
//
// Every signed-in page against the framework's own speed, at the scale issue 11 names. Needs
// DATABASE_URL=postgres://… (a server where it creates and drops its own database). It
//   1. seeds a throw-away database: 5,000,000 activity entries over 100 tenants, 1,000,000 of them in
//      the first (bench-0001), which also gets 20,000 members and a few flows (generate_series in SQL,
//      as the owner: bench/activity-seed.ts);
//   2. signs in as an Admin of that tenant who is also a superadmin (a database session, as Auth.js
//      stores it, and its cookie);
//   3. builds the app (unless --skip-build) and the bare ceiling app in bench/ceiling (a 50-row table,
//      no database), and starts both as in production;
//   4. drives each page and the ceiling alternately with autocannon, at 1 and 16 connections,
//      `--duration` seconds each (default 3), the ceiling just before and just after each page (its
//      req/s the mean of the two), and prints per page and concurrency
//      `page=<name> c=<n> rps=<x> ceiling_rps=<y> ratio=<x/y> p50_ms=<a> p99_ms=<b> html_kb=<h> js_kb=<j>`
//      (html_kb: the page's HTML as sent, uncompressed; js_kb: its scripts, gzip).
// Exits non-zero when a target is missed: ratio >= 0.4 at both concurrencies, HTML <= 100 kB, and
// first-load JS <= 40 kB (gzip) over the ceiling's. While iterating: --keep leaves the seeded database,
// --reuse <its owner URL> measures it again without seeding (a fresh session for the same user), --pages
// runs only the named pages, and --skip-build reuses both apps' builds. Ports: BENCH_APP_PORT (3240), BENCH_CEILING_PORT (3241).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { vacuumAnalyze } from "../db/admin";
import { openOwnerSession } from "../db/bench-owner";
import { closeDatabase, migrateDatabase } from "../db/lifecycle";
import { withSystem, withTenant } from "../db/scopes";
import { createTestDatabase, loginUrlOf } from "../scripts/test-database";
import { seedActivity } from "./activity-seed";
import { productionServerCommand, SERVER_NODE_FLAGS } from "../scripts/server-command";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "5000000" },
    members: { type: "string", default: "20000" },
    duration: { type: "string", default: "3" },
    "skip-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    pages: { type: "string" },
  },
});
const ROWS = Number(args.rows);
const MEMBERS = Number(args.members);
const DURATION_S = Number(args.duration);
const TENANTS = 100;
const LARGEST_SHARE = 5; // 1,000,000 of 5,000,000 in the first tenant
const CONCURRENCIES = [1, 16];
const TARGET_RATIO = 0.4;
const TARGET_HTML_KB = 100;
const TARGET_JS_OVER_CEILING_KB = 40;
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3240);
const CEILING_PORT = Number(process.env.BENCH_CEILING_PORT ?? 3241);
const SLUG = "bench-0001";
// An actor of the seeded log (bench/activity-seed.ts writes actors 00000000-0000-4000-8000-0000000000NN), made a member.
const ACTOR_ID = "00000000-0000-4000-8000-000000000007";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith("postgres")) {
  console.error("bench:pages needs DATABASE_URL=postgres://… (a PostgreSQL server; it creates and drops its own database).");
  process.exit(1);
}

const ALL_PAGES: [name: string, path: string][] = [
  ["overview", `/t/${SLUG}`],
  ["members", `/t/${SLUG}/members`],
  ["members_sort_name", `/t/${SLUG}/members?sort=name`],
  ["members_sort_email", `/t/${SLUG}/members?sort=email`],
  ["members_sort_joined_asc", `/t/${SLUG}/members?sort=joined&dir=asc`],
  ["activity", `/t/${SLUG}/activity`],
  ["activity_actor", `/t/${SLUG}/activity?actor=${ACTOR_ID}`],
  ["activity_search", `/t/${SLUG}/activity?q=payroll`],
  ["flows", `/t/${SLUG}/flows`],
  ["settings", `/t/${SLUG}/settings`],
  ["admin", "/admin"],
  ["admin_activity", "/admin/activity"],
];
const only = args.pages?.split(",");
const unknownPages = only?.filter((name) => !ALL_PAGES.some(([known]) => known === name)) ?? [];
if (unknownPages.length) {
  console.error(`Unknown pages: ${unknownPages.join(", ")} (known: ${ALL_PAGES.map(([name]) => name).join(", ")})`);
  process.exit(1);
}
const PAGES = only ? ALL_PAGES.filter(([name]) => only.includes(name)) : ALL_PAGES;

const ms = (start: number) => performance.now() - start;
const kb = (bytes: number) => bytes / 1024;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Runs a command to its end with the repository's packages; fails on a non-zero exit. */
function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    spawn(command, commandArgs, { stdio: "inherit", env }).on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${commandArgs.join(" ")} exited with ${code}`)),
    );
  });
}

/** Starts a server and waits until `readyPath` answers (any status). */
async function startServer(name: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv, origin: string, readyPath: string): Promise<ChildProcess> {
  const child = spawn(command, commandArgs, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const started = performance.now();
  while (ms(started) < 120_000) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    try {
      await fetch(`${origin}${readyPath}`, { redirect: "manual" });
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  child.kill();
  throw new Error(`${name} did not answer within 120 s:\n${output}`);
}

/**
 * A session's expiry as Auth.js sets it at sign-in (now + maxAge). One that ends sooner than
 * maxAge - updateAge from now is "due for an update", and Auth.js would then write the session row
 * on every page view: a cost no real session pays more than once a day.
 */
// lib/session-cookie.ts's SESSION_MAX_AGE_SECONDS (30 days); that module is server-only, which a script cannot import.
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const freshExpiry = () => new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);

/** The members, flows, signed-in user and session of the big tenant, through the app's own scopes. */
async function seedTenant(tenantId: string): Promise<{ sessionToken: string }> {
  const first = sql.raw(`array['Ada','Ben','Cleo','Dan','Eva','Finn','Gus','Hana','Ivo','Jana','Kai','Lena','Milo','Nora','Omar','Pia','Quinn','Rosa','Sami','Tess','Uma','Vik','Wes','Yara']`);
  const last = sql.raw(`array['Smith','Jones','Kowalski','Novak','Garcia','Rossi','Muller','Dubois','Silva','Tanaka','Kim','Ivanova','Larsen','Murphy','Costa','Horvat','Nagy','Popescu','Berg','Cohen','Singh','Okafor','Haddad','Lopez']`);
  const sessionToken = randomBytes(32).toString("hex");
  const adminId = await withSystem(async (tx) => {
    await tx.execute(sql`update tenants set license = 'enterprise', flow_cap = 1000, name = 'Bench Main' where id = ${tenantId}`);
    await tx.execute(sql`insert into users (email, name, email_verified)
      select 'm' || lpad(i::text, 5, '0') || '@bench.example', (${first})[1 + i % 24] || ' ' || (${last})[1 + (i / 24) % 24], now()
      from generate_series(1, ${MEMBERS}::int) i`);
    await tx.execute(sql`insert into users (id, email, name, email_verified) values (${ACTOR_ID}, 'user7@bench.test', 'Seven Actor', now())`);
    const inserted = await tx.execute(sql`insert into users (email, name, email_verified, is_superadmin) values ('bench-admin@bench.example', 'Bench Admin', now(), true) returning id`);
    return (inserted as unknown as { rows: { id: string }[] }).rows[0]!.id;
  });
  await withTenant({ tenantId, userId: null }, async (tx) => {
    // 5% Admin, 25% Viewer + Editor, 25% Editor, the rest Viewer; 2% suspended, 10% invited; joined over ~18 months.
    await tx.execute(sql`insert into memberships (tenant_id, user_id, roles, status, created_at)
      select ${tenantId}, u.id,
        case when i % 20 = 0 then '{admin}' when i % 4 = 1 then '{viewer,editor}' when i % 4 = 2 then '{editor}' else '{viewer}' end::member_role[],
        case when i % 50 = 7 then 'suspended' when i % 10 = 3 then 'invited' else 'active' end::membership_status,
        now() - (${MEMBERS} - i) * interval '37 minutes'
      from generate_series(1, ${MEMBERS}::int) i
      join users u on u.email = 'm' || lpad(i::text, 5, '0') || '@bench.example'`);
    await tx.execute(sql`insert into memberships (tenant_id, user_id, roles) values (${tenantId}, ${adminId}, '{admin}'), (${tenantId}, ${ACTOR_ID}, '{editor}')`);
    await tx.execute(sql`insert into flows (tenant_id, name, steps, created_by)
      select ${tenantId}, 'Flow ' || i, '["fetch","transform","deliver"]'::jsonb, ${adminId} from generate_series(1, 30) i`);
  });
  await withSystem((tx) =>
    tx.execute(sql`insert into sessions (session_token, user_id, expires, auth_method) values (${sessionToken}, ${adminId}, ${freshExpiry()}, 'magic_link')`),
  );
  return { sessionToken };
}

/** A new database session for the seeded bench admin (a reused database's earlier session may have expired). */
async function signInAgain(): Promise<{ sessionToken: string }> {
  const sessionToken = randomBytes(32).toString("hex");
  await withSystem((tx) =>
    tx.execute(sql`insert into sessions (session_token, user_id, expires, auth_method)
      select ${sessionToken}, id, ${freshExpiry()}, 'magic_link' from users where email = 'bench-admin@bench.example'`),
  );
  return { sessionToken };
}

/** One autocannon run against `url`. */
async function drive(url: string, connections: number, headers: Record<string, string>) {
  const result = await autocannon({ url, connections, duration: DURATION_S, headers });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) throw new Error(`${url}: ${failures} of ${result.requests.total} requests failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * The page's HTML size and its first-load scripts (gzip), fetched as a browser would on a first visit:
 * every script the HTML names but the noModule polyfills, which a module-capable browser skips.
 */
async function weigh(origin: string, path: string, headers: Record<string, string>, scriptCache: Map<string, number>) {
  const response = await fetch(`${origin}${path}`, { headers, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status} (${response.headers.get("location") ?? ""}): is the bench user signed in?`);
  const html = await response.text();
  let js = 0;
  for (const [tag, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)) {
    // Polyfills for browsers without modules (noModule): a browser that runs this app never loads them.
    if (/\snomodule(=|\s|>)/i.test(tag!)) continue;
    if (!scriptCache.has(src!)) {
      const script = Buffer.from(await (await fetch(new URL(src!, origin))).arrayBuffer());
      scriptCache.set(src!, gzipSync(script).length);
    }
    js += scriptCache.get(src!)!;
  }
  return { htmlKb: kb(Buffer.byteLength(html)), jsKb: kb(js) };
}

const database = args.reuse
  ? { name: new URL(args.reuse).pathname.slice(1), ownerUrl: args.reuse, loginUrl: loginUrlOf(args.reuse), drop: async () => {} }
  : await createTestDatabase(serverUrl, "bench_pages");
const servers: ChildProcess[] = [];
const missed: string[] = [];
try {
  process.env.DATABASE_URL = database.ownerUrl;
  let sessionToken: string;
  if (args.reuse) {
    ({ sessionToken } = await signInAgain());
    await closeDatabase();
  } else {
    await migrateDatabase();
    const owner = await openOwnerSession(database.ownerUrl);
    const started = performance.now();
    const { largest } = await seedActivity(owner, { rows: ROWS, tenants: TENANTS, largestShare: LARGEST_SHARE });
    await owner.close();
    ({ sessionToken } = await seedTenant(largest));
    await closeDatabase();
    await vacuumAnalyze(database.ownerUrl);
    console.log(`seeded rows=${ROWS} tenants=${TENANTS} members=${MEMBERS} in ${fmt(ms(started) / 1000)} s`);
  }

  const buildEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!args["skip-build"]) await run("node_modules/.bin/next", ["build"], buildEnv);
  // webpack: Turbopack takes the repository (the lockfile's folder) for the ceiling's root and builds
  // the app's instrumentation and proxy into it; with its own folder as root it cannot find next.
  if (!args["skip-build"] || !existsSync("bench/ceiling/.next")) await run("node_modules/.bin/next", ["build", "--webpack", "bench/ceiling"], buildEnv);

  const appOrigin = `http://localhost:${APP_PORT}`;
  const ceilingOrigin = `http://localhost:${CEILING_PORT}`;
  servers.push(
    await startServer(
      "the app",
      ...productionServerCommand(APP_PORT),
      {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        // As in production: the app logs in as tenantry_login (created by the migrations).
        DATABASE_URL: database.loginUrl,
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        AUTH_URL: appOrigin,
        SMTP_URL: "smtp://127.0.0.1:1",
      },
      appOrigin,
      "/login",
    ),
  );
  servers.push(
    // With the app's Node.js flags, so the ratio compares the app with the framework on the same runtime.
    await startServer("the ceiling", "node_modules/.bin/next", ["start", "bench/ceiling", "--port", String(CEILING_PORT)], { ...buildEnv, NODE_ENV: "production", NODE_OPTIONS: SERVER_NODE_FLAGS.join(" ") }, ceilingOrigin, "/"),
  );

  const signedIn = { cookie: `authjs.session-token=${sessionToken}` };
  const scripts = new Map<string, number>();
  const ceilingWeight = await weigh(ceilingOrigin, "/", {}, new Map());
  console.log(`ceiling html_kb=${fmt(ceilingWeight.htmlKb)} js_kb=${fmt(ceilingWeight.jsKb)}`);
  // Warm both servers up (compiled code paths, connection pool, caches) before anything counts.
  for (const [, path] of PAGES) await drive(`${appOrigin}${path}`, 4, signedIn).catch((error) => missed.push(`${path}: ${(error as Error).message}`));
  await drive(`${ceilingOrigin}/`, 4, {});

  const table: string[] = [];
  for (const [name, path] of PAGES) {
    const weight = await weigh(appOrigin, path, signedIn, scripts);
    for (const connections of CONCURRENCIES) {
      // The ceiling just before and just after the page, averaged: on a shared machine the framework's
      // own speed drifts by tens of per cent within a minute, and one run on one side of the page's
      // would move the ratio as much.
      const before = await drive(`${ceilingOrigin}/`, connections, {});
      const page = await drive(`${appOrigin}${path}`, connections, signedIn);
      const after = await drive(`${ceilingOrigin}/`, connections, {});
      const ceiling = { rps: (before.rps + after.rps) / 2 };
      const ratio = page.rps / ceiling.rps;
      const line =
        `page=${name} c=${connections} rps=${fmt(page.rps)} ceiling_rps=${fmt(ceiling.rps)} ratio=${fmt(ratio, 2)}` +
        ` p50_ms=${page.p50} p99_ms=${page.p99} html_kb=${fmt(weight.htmlKb)} js_kb=${fmt(weight.jsKb)}`;
      console.log(line);
      table.push(`| ${name} | ${connections} | ${fmt(page.rps)} | ${fmt(ceiling.rps)} | ${fmt(ratio, 2)} | ${page.p50} | ${page.p99} | ${fmt(weight.htmlKb)} | ${fmt(weight.jsKb)} |`);
      // No request finished within the run (latency above --duration): a 0 that says nothing of req/s.
      const unfinished = page.rps === 0 ? ` (no response within ${DURATION_S} s: run with a longer --duration)` : "";
      if (ratio < TARGET_RATIO) missed.push(`${name} c=${connections}: ratio ${fmt(ratio, 2)} < ${TARGET_RATIO}${unfinished}`);
    }
    if (weight.htmlKb > TARGET_HTML_KB) missed.push(`${name}: HTML ${fmt(weight.htmlKb)} kB > ${TARGET_HTML_KB} kB`);
    if (weight.jsKb - ceilingWeight.jsKb > TARGET_JS_OVER_CEILING_KB) {
      missed.push(`${name}: first-load JS ${fmt(weight.jsKb)} kB, ${fmt(weight.jsKb - ceilingWeight.jsKb)} kB over the ceiling's (> ${TARGET_JS_OVER_CEILING_KB})`);
    }
  }
  console.log(`\nAs a table (ceiling: html ${fmt(ceilingWeight.htmlKb)} kB, js ${fmt(ceilingWeight.jsKb)} kB gzip):\n`);
  console.log("| page | c | req/s | ceiling req/s | ratio | p50 ms | p99 ms | HTML kB | JS kB gzip |\n|---|---|---|---|---|---|---|---|---|");
  console.log(table.join("\n"));
} finally {
  for (const server of servers) server.kill();
  await closeDatabase().catch(() => {});
  if (args.keep || args.reuse) console.log(`kept database ${database.ownerUrl}`);
  else await database.drop().catch((error: Error) => console.error(`Could not drop ${database.name}: ${error.message}`));
}
if (missed.length) {
  console.log(`\nTargets missed:\n- ${missed.join("\n- ")}`);
  process.exitCode = 1;
}
