import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, migrateDatabase } from "@/db/lifecycle";

process.env.DATABASE_URL = inject("databaseUrl");
if (inject("migrationDatabaseUrl")) process.env.MIGRATION_DATABASE_URL = inject("migrationDatabaseUrl");

beforeAll(async () => {
  // In-memory PGlite starts empty in every test file; a PostgreSQL test database was migrated once
  // by the global setup.
  if (process.env.DATABASE_URL?.startsWith("pglite:")) await migrateDatabase();
});

afterAll(async () => {
  await closeDatabase();
});
