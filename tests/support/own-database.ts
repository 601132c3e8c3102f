// For test files that count something platform-wide (e.g. how many superadmins exist): on PostgreSQL,
// where test files share one database, give this file a private database of its own. Import it
// before anything touches the database. (In-memory PGlite is already private to each file.)
import { afterAll } from "vitest";
import { closeDatabase, migrateDatabase } from "@/db/lifecycle";
import { createTestDatabase } from "../../scripts/test-database";

const shared = process.env.DATABASE_URL!;
if (!shared.startsWith("pglite:")) {
  // Created by the shared database's owner (the login role may not create databases).
  const own = await createTestDatabase(process.env.MIGRATION_DATABASE_URL!, "private");
  process.env.DATABASE_URL = own.loginUrl;
  process.env.MIGRATION_DATABASE_URL = own.ownerUrl;
  await migrateDatabase();
  afterAll(async () => {
    await closeDatabase();
    await own.drop();
  });
}
