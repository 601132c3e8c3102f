// Client components ship no database code: following a client component's value imports through
// the repository's own modules never reaches one that imports drizzle-orm or pg. One such import
// (a constant read from a schema module) put drizzle's column builders into the flows page's
// first-load scripts, over its budget (README "Pages at scale"). Server action modules ("use server")
// end the walk: the client receives references to their functions, not their code.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, hasDirective, importGraph, importedModules, read, relative, sourceFiles, withoutTypeImports } from "./source-files";

const DRIVER_PACKAGE = /^(drizzle-orm|pg)(\/|$)/;

/** For each client component that reaches one, a chain of modules from it to one importing a driver package. */
export function driverChains(clientFiles: string[], graph: Map<string, string[]>, sourceOf: (file: string) => string): string[][] {
  const importsDriver = (file: string) => importedModules(withoutTypeImports(sourceOf(file))).some((specifier) => DRIVER_PACKAGE.test(specifier));
  return clientFiles.flatMap((start) => {
    const previous = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (importsDriver(file)) {
        const chain: string[] = [];
        for (let at: string | null = file; at !== null; at = previous.get(at)!) chain.unshift(at);
        return [chain];
      }
      for (const next of graph.get(file) ?? []) {
        if (previous.has(next) || hasDirective(sourceOf(next), "use server")) continue;
        previous.set(next, file);
        queue.push(next);
      }
    }
    return [];
  });
}

describe("client bundles", () => {
  it("no client component reaches drizzle-orm or pg through its imports", () => {
    const files = ["app", "components", "lib", "db"].flatMap((folder) => sourceFiles(path.join(ROOT, folder)));
    const clientFiles = files.filter((file) => hasDirective(read(file), "use client"));
    expect(clientFiles.length).toBeGreaterThan(50);
    const chains = driverChains(clientFiles, importGraph(files, read), read);
    expect(chains.map((chain) => chain.map(relative).join(" → "))).toEqual([]);
  });

  it("finds a chain through a plain module to a schema module, past type-only and server action imports", () => {
    const at = (name: string) => path.join(ROOT, name);
    const sources: Record<string, string> = {
      [at("app/table.tsx")]: `"use client";\nimport { save } from "./actions";\nimport { type Row } from "@/db/rows";\nimport { LABELS } from "@/lib/labels";`,
      [at("app/actions.ts")]: `"use server";\nimport { sql } from "drizzle-orm";`,
      [at("db/rows.ts")]: `import { sql } from "drizzle-orm";`,
      [at("lib/labels.ts")]: `import { NAMES, type Thing } from "@/db/schema/things";`,
      [at("db/schema/things.ts")]: `import { pgTable } from "drizzle-orm/pg-core";`,
    };
    const sourceOf = (file: string) => sources[file]!;
    // The edges importGraph would find in these sources (it resolves against files on disk).
    const graph = new Map<string, string[]>([
      [at("app/table.tsx"), [at("app/actions.ts"), at("lib/labels.ts")]],
      [at("lib/labels.ts"), [at("db/schema/things.ts")]],
    ]);
    expect(importedModules(withoutTypeImports(sources[at("app/table.tsx")]!))).toEqual(["./actions", "@/lib/labels"]);
    expect(driverChains([at("app/table.tsx")], graph, sourceOf).map((chain) => chain.map(relative))).toEqual([
      ["app/table.tsx", "lib/labels.ts", "db/schema/things.ts"],
    ]);
  });
});
