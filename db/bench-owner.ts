// A direct session as the database owner, for benchmarks only (bench/): bulk seeding outside
// row-level security, and the "floor" timing of the application's SQL run without the policies.
// The application never imports this; it reaches the database only through db/scopes.ts.
import pg from "pg";

export interface OwnerSession {
  /** Whether this session bypasses row-level security (superuser or BYPASSRLS), so the floor has no policies. */
  bypassesRls: boolean;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openOwnerSession(url: string): Promise<OwnerSession> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query = async <T,>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[];
  const [role] = await query<{ bypass: boolean }>("select rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user");
  return { bypassesRls: Boolean(role?.bypass), query, close: () => client.end() };
}
