// Mutation testing of the security core (issue 19): `npm run test:mutation`. Not part of `npm test`
// (a full run takes far longer than a few minutes on 2 cores); see README "Mutation testing".
// Incremental: stryker/incremental.json is committed, so a rerun only retests mutants in changed code
// or covered by changed tests. Equivalent mutants are marked in the source with
// `// Stryker disable next-line <mutator>: <one-line reason>`.

/** The security core. Modules later issues add to it (API keys, secrets, groups, SSO, IP lists) go here too. */
const SECURITY_CORE = [
  "db/scopes.ts",
  "lib/actions/**/*.ts",
  "lib/permissions.ts",
  "lib/actor.ts",
  "lib/login-policy.ts",
  "lib/safe-redirect.ts",
  "lib/same-origin.ts",
  "lib/sign-in-limits.ts",
  "lib/client-ip.ts",
  "lib/activity/csv-export.ts",
  "lib/superadmin-access.ts",
  // The Auth.js callbacks and where they send a user.
  "lib/auth.ts",
  "lib/auth-redirects.ts",
  // Added to the core by issue 10.
  "lib/sign-in-request-origin.ts",
  "lib/request-screen.ts",
  "lib/trusted-proxies.ts",
  // Issue 16: the IP allow-lists (parsing, matching, the page view check).
  "lib/ip-allow-list.ts",
  "lib/ip-allow-page.ts",
  "lib/licenses.ts",
  "lib/storable-text.ts",
  "lib/security-headers.ts",
  // Added to the core by issue 13: the REST API's caller and its problem answers, API keys, secrets.
  "lib/api/**/*.ts",
  "lib/api-keys/**/*.ts",
  "lib/secrets/**/*.ts",
  "lib/credentials/**/*.ts",
  // Added to the core by issue 18: the hidden superadmin console.
  "lib/superadmin-session.ts",
  "lib/admin-concealment.ts",
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  mutate: SECURITY_CORE,
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts", related: true },
  // Only the tests that cover a mutant run against it.
  coverageAnalysis: "perTest",
  // A static mutant (a module-level constant) is covered by no single test, so every test file would
  // run for each one; they are reported as ignored instead of making a run infeasible on 2 cores.
  ignoreStatic: true,
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // 2 shared cores: one test runner (each one holds a Vitest instance and a PostgreSQL database).
  concurrency: 1,
  timeoutMS: 60_000,
  incremental: true,
  incrementalFile: "stryker/incremental.json",
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  ignorePatterns: [".next", ".data", "test-results", "playwright-report", "blob-report", "reports"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};

export default config;
