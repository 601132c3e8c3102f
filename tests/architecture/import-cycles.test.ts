// No import loops among the server's modules (db/ and lib/): a loop makes the load order decide what
// a module sees of another (an undefined import at start-up), and hides which module is the lower
// layer. Type-only imports are left out: they are erased at build and load nothing.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, importGraph, importedModules, relative, sourceFiles, withoutTypeImports } from "./source-files";

const FOLDERS = ["db", "lib"];
/** The strongly connected components with more than one module, or a module importing itself (Tarjan). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe("import cycles", () => {
  it("db/ and lib/ import each other without a loop", () => {
    const files = FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder)));
    const graph = importGraph(files, (file) => fs.readFileSync(file, "utf8"));
    expect(graph.size).toBeGreaterThan(50);
    expect(importCycles(graph).map((cycle) => cycle.map(relative))).toEqual([]);
  });

  it("finds a loop through several modules, and not a type-only one (so the check above can fail)", () => {
    const sources: Record<string, string> = {
      [path.join(ROOT, "lib/a.ts")]: `import { b } from "./b";`,
      [path.join(ROOT, "lib/b.ts")]: `import { c } from "@/lib/c";`,
      [path.join(ROOT, "lib/c.ts")]: `export { a } from "./a";`,
      [path.join(ROOT, "lib/d.ts")]: `import type { A } from "./e";`,
      [path.join(ROOT, "lib/e.ts")]: `import { d } from "./d";`,
    };
    const graph = new Map(
      Object.entries(sources).map(([file, source]) => [
        file,
        importedModules(withoutTypeImports(source)).map((s) => path.join(ROOT, "lib", `${path.basename(s)}.ts`)),
      ]),
    );
    expect(importCycles(graph).map((cycle) => cycle.map(relative))).toEqual([["lib/a.ts", "lib/b.ts", "lib/c.ts"]]);
  });
});
