// With DATABASE_URL pointing at a PostgreSQL server, the suite runs in a database of its own,
// created and migrated here (as the server URL's user, who owns the tables) and dropped afterwards.
// The tests then connect as tenantry_login, the production login role, with the owner's URL kept
// as MIGRATION_DATABASE_URL for owner-only work. Without it, each test file gets an in-memory
// PGlite (see database-per-file.ts).
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../../scripts/test-database";
import { closeDatabase, migrateDatabase } from "../../db/lifecycle";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The tables' owner, for migrations and owner-only checks; empty on PGlite. */
    migrationDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("databaseUrl", "pglite:memory");
    project.provide("migrationDatabaseUrl", "");
    return;
  }
  const database = await createTestDatabase(serverUrl, "vitest");
  process.env.DATABASE_URL = database.ownerUrl;
  await migrateDatabase();
  await closeDatabase();
  project.provide("databaseUrl", database.loginUrl);
  project.provide("migrationDatabaseUrl", database.ownerUrl);
  return () => database.drop();
}
