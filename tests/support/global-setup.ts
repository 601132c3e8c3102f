// With DATABASE_URL pointing at a PostgreSQL server, the suite runs in a database of its own,
// created and migrated here and dropped afterwards. Without it, each test file gets an in-memory
// PGlite (see database-per-file.ts).
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../../scripts/test-database";
import { closeDatabase, migrateDatabase } from "../../db/lifecycle";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("databaseUrl", "pglite:memory");
    return;
  }
  const database = await createTestDatabase(serverUrl, "vitest");
  process.env.DATABASE_URL = database.url;
  await migrateDatabase();
  await closeDatabase();
  project.provide("databaseUrl", database.url);
  return () => database.drop();
}
