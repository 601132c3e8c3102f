// Server-level maintenance (create and drop whole databases) for test runs and scripts.
import pg from "pg";

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdentifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  return `"${name}"`;
};

export function createDatabase(serverUrl: string, name: string) {
  return onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
}

export function dropDatabase(serverUrl: string, name: string) {
  return onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
}

/**
 * VACUUM ANALYZE one database as its owner (what autovacuum does in the background of a live
 * system): fresh planner statistics and visibility maps after a bulk load, for benchmarks.
 */
export function vacuumAnalyze(databaseUrl: string) {
  return onServer(databaseUrl, (c) => c.query("VACUUM ANALYZE"));
}

/**
 * One query on a connection of its own, closed afterwards: for scripts and tests that must look at
 * the server from outside the app's pool (which backend a PgBouncer client lands on, what the soak
 * wrote, terminating backends).
 */
export async function queryOnce<T>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  return onServer(databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
}
