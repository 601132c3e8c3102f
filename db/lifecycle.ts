// Opening and closing the database from scripts and tests, without handing out the raw client.
import { closeConnection, getConnection } from "./client";

/** Applies pending migrations (drizzle-kit SQL plus the hand-written roles and RLS) on either engine. */
export async function migrateDatabase(): Promise<void> {
  const connection = await getConnection();
  await connection.migrate();
}

/** Releases the process's connection (and the embedded database's folder lock). */
export const closeDatabase = closeConnection;
