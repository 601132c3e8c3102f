// What the architecture tests read: the repository's source files and the modules each one imports.
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const SKIPPED_FOLDERS = new Set(["node_modules", ".next", ".data", "test-results", "playwright-report", ".git", ".stryker-tmp", "reports"]);
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/** Every source file under `folder` (the repository's own folders only, at the top level). */
export function sourceFiles(folder: string, skipped: ReadonlySet<string> = SKIPPED_FOLDERS): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return folder === ROOT && skipped.has(entry.name) ? [] : sourceFiles(full, skipped);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

export const relative = (file: string) => path.relative(ROOT, file);
export const read = (file: string) => fs.readFileSync(file, "utf8");

/** Module specifiers of static imports, re-exports, dynamic imports and require calls. */
export function importedModules(source: string): string[] {
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

/**
 * The source without its type-only imports (erased at build: they bring no code along): `import type
 * …` and imports whose every named binding is a type (`import { type A } from …`).
 */
export function withoutTypeImports(source: string): string {
  return source
    .replace(/^import\s+type\s[^;]*;/gms, "")
    .replace(/^import\s*\{([^}]*)\}\s*from\s*["'][^"']+["'];?/gms, (whole, names: string) =>
      names.split(",").every((name) => name.trim() === "" || name.trim().startsWith("type ")) ? "" : whole,
    );
}

/** Whether the module starts with the given directive ("use server", "use client"). */
export function hasDirective(source: string, directive: "use server" | "use client"): boolean {
  return new RegExp(`^\\s*(//[^\\n]*\\n\\s*)*["']${directive}["']`).test(source);
}

const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

/** The repository file an import specifier names, or null (a package, or outside the folders checked). */
function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  const stem = base.replace(/\.(ts|js)$/, "");
  for (const extension of EXTENSIONS) {
    const candidate = stem + extension;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Each module's value imports among `files`. */
export function importGraph(files: string[], read: (file: string) => string): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => [
      file,
      importedModules(withoutTypeImports(read(file)))
        .map((specifier) => resolveImport(file, specifier))
        .filter((target): target is string => target !== null && known.has(target)),
    ]),
  );
}
