import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  globalIgnores([".next/**", "bench/ceiling/.next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // Outside db/, nothing touches the database driver or the raw client (tests/architecture checks it too).
    files: ["**/*.{ts,tsx}"],
    ignores: ["db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["pg", "pg/*", "@electric-sql/pglite", "@electric-sql/pglite/*", "drizzle-orm/node-postgres", "drizzle-orm/pglite"], message: "Use the scope helpers in db/scopes.ts." },
            { group: ["**/db/client", "@/db/client"], message: "Use the scope helpers in db/scopes.ts." },
          ],
        },
      ],
    },
  },
]);
