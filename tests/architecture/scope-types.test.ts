// The scope is a type (db/scopes.ts): a query that needs a tenant does not compile with a user's,
// the system's, a superadmin's or an undeclared transaction. scope-types.ts holds the calls; here it
// is compiled without its `@ts-expect-error` directives, and exactly the lines they marked must be
// refused, each because the transaction (or an argument) does not fit the query's signature.
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT, read } from "./source-files";

const FIXTURE = path.join(ROOT, "tests/architecture/scope-types.ts");
const DIRECTIVE = /^\s*\/\/ @ts-expect-error\b.*$/;

function compileWithoutDirectives() {
  const source = read(FIXTURE).split("\n");
  // Each directive becomes an empty comment, so line numbers stay; the line after it is what it marked.
  const marked = source.flatMap((line, index) => (DIRECTIVE.test(line) ? [index + 2] : []));
  const stripped = source.map((line) => (DIRECTIVE.test(line) ? "//" : line)).join("\n");
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  })!;
  const options = { ...config.options, incremental: false, noEmit: true };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === FIXTURE ? stripped : readFile(file));
  const program = ts.createProgram({ rootNames: [FIXTURE, path.join(ROOT, "next-env.d.ts")], options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && path.resolve(d.file.fileName) === FIXTURE);
  const refused = diagnostics.map((d) => ({
    line: d.file!.getLineAndCharacterOfPosition(d.start!).line + 1,
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  }));
  return { marked, refused };
}

describe("scope types", () => {
  it("refuses exactly the marked calls, each for its transaction's scope", { timeout: 120_000 }, () => {
    const { marked, refused } = compileWithoutDirectives();
    expect(marked.length).toBeGreaterThanOrEqual(10);
    expect([...new Set(refused.map((r) => r.line))]).toEqual(marked);
    // 2345: an argument not assignable to the parameter (the scope's brand, a missing tenantId);
    // 2554: the tenant id passed again where the transaction carries it.
    for (const r of refused) expect([2345, 2554], `line ${r.line}: ${r.message}`).toContain(r.code);
    expect(refused.some((r) => /TenantTx|\[scope\]|tenantId/.test(r.message))).toBe(true);
  });
});
