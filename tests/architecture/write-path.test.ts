// "No write outside a wrapper": every server action module in app/ is built from a wrapper in
// lib/actions/ (tenant, user, platform, public), and neither a server action module nor a route
// handler opens a database scope itself: the wrappers (and lib/actions/tenant-transaction.ts for
// route handlers that write) own parse, authorization under the current membership, the one
// transaction, its activity entry and what happens after commit. Pages may read through the scopes.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, hasDirective, importedModules, read, relative, sourceFiles, withoutTypeImports } from "./source-files";

const SCOPE_HELPERS = /\b(withTenant|withUser|withPlatform|withSystem|enterTenant)\b/;

/** The scope helpers a module imports as values from db/scopes (a type such as Tx is no door to the database). */
export function scopeHelperImports(source: string): string[] {
  const imports = [...withoutTypeImports(source).matchAll(/\bimport\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)];
  return imports
    .filter(([, , specifier]) => /(^|\/)db\/scopes(\.ts)?$/.test(specifier!))
    .flatMap(([, names]) => names!.split(",").map((name) => name.trim()))
    .filter((name) => !name.startsWith("type ") && SCOPE_HELPERS.test(name));
}

export const importsAWrapper = (source: string) => importedModules(source).some((specifier) => /(^|\/)lib\/actions\//.test(specifier));

const appFiles = sourceFiles(path.join(ROOT, "app"));
const serverActionModules = appFiles.filter((file) => hasDirective(read(file), "use server"));
const routeHandlers = appFiles.filter((file) => /(^|\/)route\.ts$/.test(file));
// Route handlers that answer a writing method; GET-only handlers (the API's reads, the Actor search)
// read through the scopes like pages do.
const WRITING_METHOD = /\bexport\s+(?:async\s+)?(?:function|const)\s+(POST|PUT|PATCH|DELETE)\b/;
const writingRouteHandlers = routeHandlers.filter((file) => WRITING_METHOD.test(read(file)));

describe("the write path", () => {
  it("every server action module in app/ is built from a wrapper in lib/actions/", () => {
    expect(serverActionModules.length).toBeGreaterThan(10);
    expect(serverActionModules.filter((file) => !importsAWrapper(read(file))).map(relative)).toEqual([]);
  });

  it("no server action module or writing route handler in app/ opens a database scope itself", () => {
    expect(writingRouteHandlers.map(relative)).toContain("app/t/[slug]/activity/export/route.ts");
    expect(routeHandlers.filter((file) => !writingRouteHandlers.includes(file)).map(relative)).toContain("app/api/v1/tenant/route.ts");
    const offenders = [...serverActionModules, ...writingRouteHandlers].flatMap((file) =>
      scopeHelperImports(read(file)).map((name) => `${relative(file)} imports ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it("recognises a scope helper import and a wrapper import (so the checks above can fail)", () => {
    expect(scopeHelperImports(`import { withTenant, type Tx } from "@/db/scopes";`)).toEqual(["withTenant"]);
    expect(scopeHelperImports(`import { withSystem } from "../../db/scopes.ts";`)).toEqual(["withSystem"]);
    expect(scopeHelperImports(`import {\n  enterTenant,\n  withUser,\n} from "@/db/scopes";`)).toEqual(["enterTenant", "withUser"]);
    expect(scopeHelperImports(`import type { Tx } from "@/db/scopes";`)).toEqual([]);
    expect(scopeHelperImports(`import { NotSuperadminError, type Tx } from "@/db/scopes";`)).toEqual([]);
    expect(scopeHelperImports(`import { withTenant } from "@/lib/elsewhere";`)).toEqual([]);
    expect(importsAWrapper(`import { tenantAction } from "@/lib/actions/tenant-action";`)).toBe(true);
    expect(importsAWrapper(`import { can } from "@/lib/permissions";`)).toBe(false);
  });
});
