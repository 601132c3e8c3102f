import path from "node:path";

// Where the database is, from DATABASE_URL:
//   unset                   -> embedded PGlite in .data/pglite (the demo default)
//   pglite:memory           -> embedded PGlite in memory (tests)
//   pglite:<folder>         -> embedded PGlite in that folder
//   postgres://…            -> a PostgreSQL server through `pg`
export type ConnectionTarget =
  | { engine: "pglite"; dataDir: string | null }
  | { engine: "postgres"; url: string };

export const DEFAULT_PGLITE_DIR = ".data/pglite";

export function resolveConnectionTarget(databaseUrl: string | undefined): ConnectionTarget {
  const value = databaseUrl?.trim();
  if (!value) return { engine: "pglite", dataDir: path.resolve(DEFAULT_PGLITE_DIR) };
  if (value === "pglite:memory") return { engine: "pglite", dataDir: null };
  if (value.startsWith("pglite:")) return { engine: "pglite", dataDir: path.resolve(value.slice("pglite:".length)) };
  if (/^postgres(ql)?:\/\//.test(value)) return { engine: "postgres", url: value };
  throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or pglite: (got "${value.split(":")[0]}:…")`);
}
