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

/**
 * The tenant tables that carry the archived-tenant guard (migration tenant_archive): a BEFORE INSERT,
 * UPDATE and DELETE row trigger calling refuse_write_to_archived_tenant().
 */
export function archivedTenantGuardedTables(): Promise<string[]> {
  return asOwner(async (db) =>
    rowsOf<{ table: string }>(
      await db.execute(sql`
        select c.relname as table
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_proc p on p.oid = t.tgfoid
        where n.nspname = 'public' and not t.tgisinternal and p.proname = 'refuse_write_to_archived_tenant'
          -- BEFORE (2), ROW (1), INSERT (4), DELETE (8), UPDATE (16)
          and t.tgtype & (1 | 2 | 4 | 8 | 16) = (1 | 2 | 4 | 8 | 16)
        order by c.relname`),
    ).map((row) => row.table),
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

export interface TableKey {
  table: string;
  /** The constraint's name, or the index's for a unique index that is not a constraint. */
  name: string;
  kind: "primary key" | "unique" | "foreign key" | "unique index";
  columns: string[];
  /** For a foreign key: the table it points at, its columns, and whether that table has tenant_id. */
  references: { table: string; columns: string[]; tenantTable: boolean } | null;
}

/**
 * Every primary key, unique constraint, unique index and foreign key that involves a table with a
 * tenant_id column (either side of a foreign key): what a sharded PostgreSQL (Citus, tenant_id as the
 * distribution column) requires to lead with tenant_id. See README, "Running at scale".
 */
export function tenantTableKeys(): Promise<TableKey[]> {
  return asOwner(async (db) => {
    const rows = rowsOf<{
      table: string;
      name: string;
      kind: string;
      columns: string[];
      ref_table: string | null;
      ref_columns: string[] | null;
      ref_tenant: boolean | null;
    }>(
      await db.execute(sql`
        with tenant_tables as (
          select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
        ),
        keys as (
          select k.conrelid as rel, k.conname::text as name,
            case k.contype when 'p' then 'primary key' when 'u' then 'unique' else 'foreign key' end as kind,
            k.conkey as cols, k.confrelid as ref_rel, k.confkey as ref_cols
          from pg_constraint k join pg_namespace n on n.oid = k.connamespace
          where n.nspname = 'public' and k.contype in ('p', 'u', 'f')
            and (k.conrelid in (select oid from tenant_tables) or k.confrelid in (select oid from tenant_tables))
          union all
          select i.indrelid, ic.relname::text, 'unique index', i.indkey::int2[], null, null
          from pg_index i join pg_class ic on ic.oid = i.indexrelid
          where i.indisunique and i.indrelid in (select oid from tenant_tables)
            and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
        )
        select rel::regclass::text as table, name, kind,
          array(select coalesce(a.attname::text, '(expression)') from unnest(cols) with ordinality u(attnum, ord)
            left join pg_attribute a on a.attrelid = rel and a.attnum = u.attnum order by ord) as columns,
          ref_rel::regclass::text as ref_table,
          case when ref_rel is null then null else array(select a.attname::text from unnest(ref_cols) with ordinality u(attnum, ord)
            join pg_attribute a on a.attrelid = ref_rel and a.attnum = u.attnum order by ord) end as ref_columns,
          case when ref_rel is null then null else ref_rel in (select oid from tenant_tables) end as ref_tenant
        from keys order by 1, 2`),
    );
    return rows.map((row) => ({
      table: row.table,
      name: row.name,
      kind: row.kind as TableKey["kind"],
      columns: row.columns,
      references: row.ref_table ? { table: row.ref_table, columns: row.ref_columns ?? [], tenantTable: Boolean(row.ref_tenant) } : null,
    }));
  });
}
