// A throw-away database on a PostgreSQL server, for one test run: created, migrated, dropped.
// ownerUrl connects as the server URL's user (it creates the database and owns the tables: migrations,
// owner-only checks); loginUrl connects as tenantry_login, the role the app logs in as in
// production (created by the migrations), so tests run with the same rights as the app.
import { randomBytes } from "node:crypto";
import { createDatabase, dropDatabase } from "../db/admin";

export const LOGIN_ROLE = "tenantry_login";

export async function createTestDatabase(serverUrl: string, label: string) {
  const name = `tenantry_${label}_${randomBytes(4).toString("hex")}`;
  await createDatabase(serverUrl, name);
  const owner = new URL(serverUrl);
  owner.pathname = `/${name}`;
  return {
    name,
    ownerUrl: owner.toString(),
    loginUrl: loginUrlOf(owner.toString()),
    drop: () => dropDatabase(serverUrl, name),
  };
}

/** The same database as `ownerUrl`, as tenantry_login. */
export function loginUrlOf(ownerUrl: string): string {
  const login = new URL(ownerUrl);
  login.username = LOGIN_ROLE;
  // No password: test servers trust local connections (pg_hba.conf), and the role has none.
  login.password = "";
  return login.toString();
}
