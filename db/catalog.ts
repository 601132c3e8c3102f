// Read-only questions to PostgreSQL's catalog about how tenant data is protected (tests and the
// start-up check), plus a rolled-back owner transaction to prove the checks catch a bad set-up.
import { sql } from "drizzle-orm";
import { findRuntimeRoleProblem, getConnection, PLATFORM_ROLE, rowsOf, RUNTIME_ROLE, type Database } from "./client";

async function asOwner<T>(work: (db: Database) => Promise<T>): Promise<T> {
  return (await getConnection()).asOwner(work);
}

export interface TableSecurity {
  table: string;
  enabled: boolean;
  forced: boolean;
  policies: number;
}

/** Every public table with a tenant_id column, with its row-level security state. */
export function tenantTableSecurity(): Promise<TableSecurity[]> {
  return asOwner(async (db) =>
    rowsOf<TableSecurity>(
      await db.execute(sql`
        select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
          (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
        order by c.relname`),
    ),
  );
}

/** The first primary-key column of every public table with a tenant_id column. */
export function tenantTablePrimaryKeyLeads(): Promise<{ table: string; first_column: string }[]> {
  return asOwner(async (db) =>
    rowsOf(
      await db.execute(sql`
        select c.relname as table, a.attname as first_column
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
        where n.nspname = 'public' and k.contype = 'p'
          and exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id')
        order by c.relname`),
    ),
  );
}

export async function runtimeRoleAttributes() {
  return asOwner(async (db) => {
    const [role] = rowsOf<{ rolsuper: boolean; rolbypassrls: boolean }>(
      await db.execute(sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${RUNTIME_ROLE}`),
    );
    const owned = rowsOf<{ tablename: string }>(
      await db.execute(sql`select tablename from pg_tables where schemaname = 'public' and tableowner = ${RUNTIME_ROLE}`),
    );
    return { ...role, ownedTables: owned.map((t) => t.tablename) };
  });
}

/**
 * Makes a deliberately unsafe change as the owner (e.g. `ALTER ROLE … BYPASSRLS`), runs the start-up
 * check against it, and rolls everything back: roles are cluster-wide and other tests run alongside.
 */
export async function runtimeRoleProblemAfter(unsafeChange: string): Promise<string | null> {
  class Rollback {
    constructor(readonly problem: string | null) {}
  }
  try {
    await asOwner(async (db) => {
      await db.execute(sql.raw(unsafeChange));
      throw new Rollback(await findRuntimeRoleProblem(db));
    });
  } catch (outcome) {
    if (outcome instanceof Rollback) return outcome.problem;
    throw outcome;
  }
  throw new Error("unreachable: the owner transaction always rolls back");
}

export { PLATFORM_ROLE, RUNTIME_ROLE };

/**
 * Runs statements as the tables' owner and commits them: tests that need a cluster-level fixture
 * (a throw-away login role) and remove it again themselves.
 */
export async function executeAsOwner(...statements: string[]): Promise<void> {
  await asOwner(async (db) => {
    for (const statement of statements) await db.execute(sql.raw(statement));
  });
}

/** The role that owns the tables (the migrations' user). */
export async function tableOwner(): Promise<string> {
  return asOwner(async (db) => {
    const [row] = rowsOf<{ owner: string }>(await db.execute(sql`select tableowner as owner from pg_tables where schemaname = 'public' and tablename = 'tenants'`));
    return row!.owner;
  });
}
