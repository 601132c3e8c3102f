// A throw-away database on a PostgreSQL server, for one test run: created, migrated, dropped.
import { randomBytes } from "node:crypto";
import { createDatabase, dropDatabase } from "../db/admin";

export async function createTestDatabase(serverUrl: string, label: string) {
  const name = `tenantry_${label}_${randomBytes(4).toString("hex")}`;
  await createDatabase(serverUrl, name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => dropDatabase(serverUrl, name),
  };
}
