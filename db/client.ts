// The application's only database driver import. Everything else reaches the database through the
// scope helpers (db/scopes.ts), which run each unit of work as the runtime role inside one transaction.
// The two other driver imports are outside the application, named in tests/architecture: db/admin.ts
// (create and drop whole databases, for scripts and tests) and db/bench-owner.ts (benchmarks).
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import pg from "pg";
import * as schema from "./schema";
import { resolveConnectionTarget, type ConnectionTarget } from "./connection-target";
import { holdBeginForNextStatement } from "./begin-with-next-statement";

/** The role every application query runs as. Never a superuser, never BYPASSRLS, never a table owner. */
export const RUNTIME_ROLE = "tenantry_app";
/**
 * The role of the superadmin console's transactions (withPlatform): tenantry_app's grants plus the
 * superadmin_read policies, which apply to this role only (migration 0009). Held to the same rules.
 */
export const PLATFORM_ROLE = "tenantry_platform";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

interface Connection {
  target: ConnectionTarget;
  db: Database;
  /** Applies pending migrations as the connection's own (owner) user, then returns to the runtime role. */
  migrate(): Promise<void>;
  /** One transaction as the connecting (owner) user, outside row-level security: maintenance and tests only. */
  asOwner<T>(work: (tx: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Who is told of each statement the application's connection sends (db/statement-count.ts, for tests
// and benches that hold a page to its number of round trips). Nobody, while serving requests.
const statementObservers = new Set<(statement: string) => void>();
const statementLogger = {
  logQuery(statement: string) {
    for (const observe of statementObservers) observe(statement);
  },
};

/** Tells `observe` of every statement sent from now on, until the returned function is called. */
export function observeStatements(observe: (statement: string) => void): () => void {
  statementObservers.add(observe);
  return () => statementObservers.delete(observe);
}

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

// One connection per process, kept on globalThis so Next.js dev reloads reuse it: PGlite must never
// be opened twice on one folder.
const globalForDb = globalThis as unknown as { tenantryConnection?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  globalForDb.tenantryConnection ??= openConnection(resolveConnectionTarget(process.env.DATABASE_URL));
  return globalForDb.tenantryConnection;
}

/** Closes the process's connection (scripts and tests; the app server keeps it for its lifetime). */
export async function closeConnection(): Promise<void> {
  const pending = globalForDb.tenantryConnection;
  globalForDb.tenantryConnection = undefined;
  if (pending) await (await pending).close();
}

async function openConnection(target: ConnectionTarget): Promise<Connection> {
  return target.engine === "pglite" ? openPglite(target) : openPostgres(target);
}

async function openPglite(target: ConnectionTarget & { engine: "pglite" }): Promise<Connection> {
  const releaseLock = target.dataDir ? lockDataDir(target.dataDir) : () => {};
  let client: PGlite;
  try {
    // pg_trgm backs substring search (migration 0004); PGlite loads contrib extensions explicitly.
    const options = { extensions: { pg_trgm } };
    client = target.dataDir ? new PGlite(target.dataDir, options) : new PGlite(options);
    await client.waitReady;
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite(client, { schema, logger: statementLogger }) as unknown as Database;
  // PGlite has a single session whose user is a superuser, so row-level security would not apply to
  // it. Switching the session to the runtime role makes RLS apply to every later query.
  const switchToRuntimeRole = async () => {
    const exists = await client.query(`select 1 from pg_roles where rolname = $1`, [RUNTIME_ROLE]);
    if (exists.rows.length > 0) await client.exec(`SET ROLE ${RUNTIME_ROLE}`);
  };
  await switchToRuntimeRole();
  return {
    target,
    db,
    async migrate() {
      await client.exec("RESET ROLE");
      try {
        await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await switchToRuntimeRole();
      }
    },
    asOwner: (work) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL ROLE NONE`);
        return work(tx as unknown as Database);
      }),
    async close() {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * A string as an SQL literal, escaped by node-postgres (for the scope helpers' settings, which are
 * sent without parameters so that BEGIN can travel with them: db/begin-with-next-statement.ts).
 */
export const sqlLiteral = (value: string): string => pg.escapeLiteral(value);

async function openPostgres(target: ConnectionTarget & { engine: "postgres" }): Promise<Connection> {
  // Every pooled connection starts as the runtime role, so even queries outside a scope helper
  // (the Auth.js adapter) are subject to row-level security.
  const pool = new pg.Pool({
    connectionString: target.url,
    options: `-c role=${RUNTIME_ROLE}`,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // Statements are written without waiting for the answer to the one before (PostgreSQL answers in
    // order), so independent reads share a round trip (db/read-together.ts). Code that awaits each
    // statement sees no difference. Pipeline mode refuses cursors, streams and COPY, which the app
    // does not use on this pool.
    pipeline: true,
  });
  // A connection whose backend goes away (pg_terminate_backend, a restart, PgBouncer closing it)
  // emits "error": on the pool while idle, on the client while checked out between two statements.
  // Without a listener either would end the process. The transaction's next statement then fails
  // (db/availability.ts makes that a retryable refusal), and the pool drops the dead connection.
  const closed = (error: Error) => console.warn(`[db] a database connection was closed: ${error.message}`);
  pool.on("error", closed);
  pool.on("connect", (client) => {
    client.on("error", closed);
    holdBeginForNextStatement(client as unknown as { query: (...args: unknown[]) => unknown });
  });
  const db = drizzlePostgres(pool, { schema, logger: statementLogger }) as unknown as Database;
  return {
    target,
    db,
    async migrate() {
      const owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL ?? target.url });
      await owner.connect();
      try {
        await migratePostgres(drizzlePostgres(owner), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await owner.end();
      }
    },
    async asOwner(work) {
      const owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL ?? target.url });
      await owner.connect();
      try {
        return await drizzlePostgres(owner, { schema }).transaction((tx) => work(tx as unknown as Database));
      } finally {
        await owner.end();
      }
    },
    close: () => pool.end(),
  };
}

/** Refuses a second process on the same PGlite folder (PGlite is single-process). */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockFile = `${dataDir}.lock`;
  try {
    const holder = Number(fs.readFileSync(lockFile, "utf8"));
    if (holder && holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}. ` +
          `Stop that process, or set DATABASE_URL to use a PostgreSQL server.`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  const release = () => {
    try {
      if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Describes why a runtime role would not be held by row-level security, or null when both are safe. */
export async function findRuntimeRoleProblem(db: Database): Promise<string | null> {
  for (const role of [RUNTIME_ROLE, PLATFORM_ROLE]) {
    const problem = await findRoleProblem(db, role);
    if (problem) return problem;
  }
  return null;
}

async function findRoleProblem(db: Database, role: string): Promise<string | null> {
  const result = await db.execute(sql`
    select r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
      (select string_agg(t.tablename, ', ' order by t.tablename) from pg_tables t
        where t.schemaname = 'public' and pg_has_role(r.rolname, t.tableowner, 'USAGE')) as owned_tables
    from pg_roles r where r.rolname = ${role}`);
  const [row] = rowsOf<{ superuser: boolean; bypass_rls: boolean; owned_tables: string | null }>(result);
  if (!row) return `database role ${role} does not exist (run "npm run db:migrate")`;
  const problems = [
    row.superuser && "is a superuser",
    row.bypass_rls && "has BYPASSRLS",
    row.owned_tables && `owns tables (${row.owned_tables})`,
  ].filter(Boolean);
  return problems.length ? `database role ${role} ${problems.join(", ")}` : null;
}

/**
 * Describes why the login role (the user the pool connects as) could escape row-level security, or
 * null. Each pooled connection starts as the runtime role, but its code can `SET ROLE NONE` back to
 * the login role or `SET ROLE` to any role the login is a member of; so none of those may be a
 * superuser, have BYPASSRLS or own a table (an owner is not held by its tables' policies unless
 * forced, and can change or drop them).
 */
export async function findLoginRoleProblem(db: Database): Promise<string | null> {
  const result = await db.execute(sql`
    select session_user as login, r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
      (select string_agg(t.tablename, ', ' order by t.tablename) from pg_tables t
        where t.schemaname = 'public' and t.tableowner = r.rolname) as owned_tables
    from pg_roles r where pg_has_role(session_user, r.oid, 'MEMBER')
    order by r.rolname = session_user desc, r.rolname`);
  const problems = rowsOf<{ login: string; role: string; superuser: boolean; bypass_rls: boolean; owned_tables: string | null }>(result)
    .map((row) => {
      const what = [
        row.superuser && "is a superuser",
        row.bypass_rls && "has BYPASSRLS",
        row.owned_tables && `owns tables (${row.owned_tables})`,
      ].filter(Boolean);
      if (what.length === 0) return null;
      const who = row.role === row.login ? `database login ${row.login}` : `database login ${row.login} can SET ROLE to ${row.role}, which`;
      return `${who} ${what.join(", ")}`;
    })
    .filter(Boolean);
  return problems.length ? problems.join("; ") : null;
}

/** Rows of a raw `execute` result: both drivers (pg and PGlite) answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
