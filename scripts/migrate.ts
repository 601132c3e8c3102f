import { closeDatabase, migrateDatabase } from "../db/lifecycle";

await migrateDatabase();
await closeDatabase();
console.log("Database migrated.");
