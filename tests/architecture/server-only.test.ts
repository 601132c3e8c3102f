// "Server modules never reach the client": the modules that authorize, write, or read secrets and
// sessions import "server-only", so a client component that imported one (directly or through
// another module) would fail the build instead of shipping them to the browser. Scripts run by tsx
// (server.ts, scripts/, bench/) import some lib/ modules directly, outside Next's "react-server"
// condition, so those stay unmarked; these are the ones they never import.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, hasDirective, importedModules, read, relative, sourceFiles, withoutTypeImports } from "./source-files";

const SERVER_ONLY = [
  // Every module of the action wrappers (lib/actions/), listed from the folder below.
  "lib/actor.ts",
  "lib/superadmin-access.ts",
  "lib/auth.ts",
  "lib/client-ip.ts",
  "lib/session-cookie.ts",
  "lib/password-sign-in.ts",
  "lib/sign-in-limits.ts",
  "lib/invitations.ts",
  "lib/password-links.ts",
  "lib/magic-link-issue.ts",
  "lib/mail-outbox.ts",
  "lib/app-url.ts",
  "lib/platform-page.ts",
  "db/queries/member-invitations.ts",
  "db/queries/password-tokens.ts",
  "db/queries/platform-tenants.ts",
  "db/queries/rate-limits.ts",
];

const actionModules = fs
  .readdirSync(path.join(ROOT, "lib/actions"))
  .filter((name) => name.endsWith(".ts"))
  .map((name) => `lib/actions/${name}`);

describe("server-only modules", () => {
  it("every action wrapper module and every named server module imports server-only", () => {
    expect(actionModules.length).toBeGreaterThan(3);
    const missing = [...actionModules, ...SERVER_ONLY].filter(
      (file) => !importedModules(read(path.join(ROOT, file))).includes("server-only"),
    );
    expect(missing).toEqual([]);
  });

  it("no client component imports one of them directly", () => {
    const clientFiles = ["app", "components", "lib"]
      .flatMap((folder) => sourceFiles(path.join(ROOT, folder)))
      .filter((file) => hasDirective(read(file), "use client"));
    expect(clientFiles.length).toBeGreaterThan(10);
    const marked = new Set([...actionModules, ...SERVER_ONLY].map((file) => file.replace(/\.ts$/, "")));
    const offenders = clientFiles.flatMap((file) =>
      importedModules(withoutTypeImports(read(file)))
        .filter((specifier) => specifier.startsWith("@/") && marked.has(specifier.slice(2)))
        .map((specifier) => `${relative(file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});
