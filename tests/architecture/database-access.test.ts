// "Nothing outside db/ touches the driver": every query must go through the scope helpers, which
// are the only way to get a transaction with the runtime role and the tenant set. The driver itself
// is imported by three named modules only: db/client.ts (the application's connection) and two
// that never serve users, db/admin.ts (create and drop databases) and db/bench-owner.ts (benchmarks).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, importedModules, relative, sourceFiles } from "./source-files";

// The drivers themselves and drizzle's driver bindings.
const DRIVERS = [/^pg$/, /^pg\//, /^@electric-sql\/pglite/, /^drizzle-orm\/(node-postgres|pglite|postgres-js|neon)/];
// db/client (the raw connection): only the rest of db/ builds on it.
const RAW_CLIENT = /(^|\/)db\/client$/;
const DRIVER_MODULES = ["db/client.ts", "db/admin.ts", "db/bench-owner.ts"];
// This test, which names the drivers in its examples.
const THIS_FILE = "tests/architecture/database-access.test.ts";

const withoutExtension = (specifier: string) => specifier.replace(/\.(ts|js)$/, "");

export function driverImports(source: string): string[] {
  return importedModules(source).filter((specifier) => DRIVERS.some((rule) => rule.test(withoutExtension(specifier))));
}

export function forbiddenImports(source: string): string[] {
  return importedModules(source).filter((specifier) =>
    [...DRIVERS, RAW_CLIENT].some((rule) => rule.test(withoutExtension(specifier))),
  );
}

// Owner-level modules (they connect as the tables' owner, outside row-level security): for scripts,
// benchmarks and tests only, never for the application that serves users.
const OWNER_ONLY = [/(^|\/)db\/(admin|bench-owner|catalog|lifecycle|query-plans)$/];
const APPLICATION_FOLDERS = ["app", "components", "lib"];

export function ownerOnlyImports(source: string): string[] {
  return importedModules(source).filter((specifier) => OWNER_ONLY.some((rule) => rule.test(specifier.replace(/\.(ts|js)$/, ""))));
}

describe("database access", () => {
  it("the application (app/, components/, lib/) imports no owner-level database module", () => {
    const offenders = APPLICATION_FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder)))
      .flatMap((file) => ownerOnlyImports(fs.readFileSync(file, "utf8")).map((specifier) => `${relative(file)} imports ${specifier}`));
    expect(offenders).toEqual([]);
    expect(ownerOnlyImports(`import { openOwnerSession } from "@/db/bench-owner";`)).toEqual(["@/db/bench-owner"]);
    expect(ownerOnlyImports(`import { dropDatabase } from "../../db/admin.ts";`)).toEqual(["../../db/admin.ts"]);
    expect(ownerOnlyImports(`import { withTenant } from "@/db/scopes";`)).toEqual([]);
  });

  it("no file outside db/ imports a database driver or the raw client", () => {
    const offenders = sourceFiles(ROOT)
      .filter((file) => !relative(file).startsWith("db/") && relative(file) !== THIS_FILE)
      .flatMap((file) => forbiddenImports(fs.readFileSync(file, "utf8")).map((specifier) => `${relative(file)} imports ${specifier}`));
    expect(offenders).toEqual([]);
  });

  it("inside db/, only the named modules import a driver", () => {
    const dbFiles = sourceFiles(path.join(ROOT, "db"));
    expect(dbFiles.map(relative)).toEqual(expect.arrayContaining(DRIVER_MODULES));
    const offenders = dbFiles
      .filter((file) => !DRIVER_MODULES.includes(relative(file)))
      .flatMap((file) => driverImports(fs.readFileSync(file, "utf8")).map((specifier) => `${relative(file)} imports ${specifier}`));
    expect(offenders).toEqual([]);
    // The named modules are named because they do import one (a stale name would hide nothing).
    for (const file of DRIVER_MODULES) expect(driverImports(fs.readFileSync(path.join(ROOT, file), "utf8")), file).not.toEqual([]);
  });

  it("recognises every way of importing the driver (so the check above can fail)", () => {
    expect(forbiddenImports(`import pg from "pg";`)).toEqual(["pg"]);
    expect(forbiddenImports(`import { Pool } from 'pg'`)).toEqual(["pg"]);
    expect(forbiddenImports(`const { PGlite } = await import("@electric-sql/pglite")`)).toEqual(["@electric-sql/pglite"]);
    expect(forbiddenImports(`import { drizzle } from "drizzle-orm/node-postgres";`)).toEqual(["drizzle-orm/node-postgres"]);
    expect(forbiddenImports(`export { getConnection } from "@/db/client";`)).toEqual(["@/db/client"]);
    expect(forbiddenImports(`import { getConnection } from "../../db/client.ts";`)).toEqual(["../../db/client.ts"]);
    expect(forbiddenImports(`const c = require("pg")`)).toEqual(["pg"]);
    expect(forbiddenImports(`import { withTenant } from "@/db/scopes"; import { sql } from "drizzle-orm";`)).toEqual([]);
  });
});
