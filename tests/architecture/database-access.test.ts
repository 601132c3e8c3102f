// "Nothing outside db/ touches the driver": every query must go through the scope helpers, which
// are the only way to get a transaction with the runtime role and the tenant set.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SKIPPED_FOLDERS = new Set(["node_modules", ".next", ".git", ".data", "test-results", "playwright-report", "db"]);
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

// The drivers themselves, drizzle's driver bindings, and db/client (the raw connection).
const FORBIDDEN = [/^pg$/, /^pg\//, /^@electric-sql\/pglite/, /^drizzle-orm\/(node-postgres|pglite|postgres-js|neon)/, /(^|\/)db\/client$/];

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return folder === ROOT && SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** Module specifiers of static imports, re-exports, dynamic imports and require calls. */
export function importedModules(source: string): string[] {
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

export function forbiddenImports(source: string): string[] {
  return importedModules(source).filter((specifier) => FORBIDDEN.some((rule) => rule.test(specifier.replace(/\.(ts|js)$/, ""))));
}

// Owner-level modules (they connect as the tables' owner, outside row-level security): for scripts,
// benchmarks and tests only, never for the application that serves users.
const OWNER_ONLY = [/(^|\/)db\/(admin|bench-owner|catalog|lifecycle)$/];
const APPLICATION_FOLDERS = ["app", "components", "lib"];

export function ownerOnlyImports(source: string): string[] {
  return importedModules(source).filter((specifier) => OWNER_ONLY.some((rule) => rule.test(specifier.replace(/\.(ts|js)$/, ""))));
}

describe("database access", () => {
  it("the application (app/, components/, lib/) imports no owner-level database module", () => {
    const offenders = APPLICATION_FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder)))
      .flatMap((file) => ownerOnlyImports(fs.readFileSync(file, "utf8")).map((specifier) => `${path.relative(ROOT, file)} imports ${specifier}`));
    expect(offenders).toEqual([]);
    expect(ownerOnlyImports(`import { openOwnerSession } from "@/db/bench-owner";`)).toEqual(["@/db/bench-owner"]);
    expect(ownerOnlyImports(`import { dropDatabase } from "../../db/admin.ts";`)).toEqual(["../../db/admin.ts"]);
    expect(ownerOnlyImports(`import { withTenant } from "@/db/scopes";`)).toEqual([]);
  });

  it("no file outside db/ imports a database driver or the raw client", () => {
    const offenders = sourceFiles(ROOT)
      .filter((file) => !file.endsWith("tests/architecture/database-access.test.ts"))
      .flatMap((file) => forbiddenImports(fs.readFileSync(file, "utf8")).map((specifier) => `${path.relative(ROOT, file)} imports ${specifier}`));
    expect(offenders).toEqual([]);
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
