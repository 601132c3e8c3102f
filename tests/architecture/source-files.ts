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

/** The source without its type-only imports (erased at build: they bring no code along). */
export function withoutTypeImports(source: string): string {
  return source.replace(/^import\s+type\s[^;]*;/gms, "");
}

/** Whether the module starts with the given directive ("use server", "use client"). */
export function hasDirective(source: string, directive: "use server" | "use client"): boolean {
  return new RegExp(`^\\s*(//[^\\n]*\\n\\s*)*["']${directive}["']`).test(source);
}
