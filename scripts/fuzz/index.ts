// `npm run fuzz [-- --inputs N] [--seed S] [--reuse-build] [--protocol]`: generated inputs against
// every page parameter, route and server-action field of a production build. Builds the app (or
// reuses the last build), prepares a throw-away database with the demo data and a mail catcher,
// starts the production server, signs in demo users, and attacks. The last line is exactly
// `inputs=N status_5xx=M`; the exit code is non-zero on any 5xx.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { createFuzzEnvironment } from "./environment";
import { runFuzz } from "./run";
import { startServer } from "./start-server";

const { values } = parseArgs({
  options: {
    inputs: { type: "string", default: "10000" },
    seed: { type: "string" },
    "reuse-build": { type: "boolean", default: false },
    protocol: { type: "boolean", default: false },
    port: { type: "string", default: process.env.FUZZ_PORT ?? "3300" },
    "smtp-port": { type: "string", default: process.env.FUZZ_SMTP_PORT ?? "1230" },
    "mail-web-port": { type: "string", default: process.env.FUZZ_MAIL_WEB_PORT ?? "1240" },
  },
});
const inputs = Number(values.inputs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(inputs) || inputs < 1 || !Number.isInteger(seed)) {
  console.error("Usage: npm run fuzz -- [--inputs N] [--seed S] [--reuse-build] [--protocol]");
  process.exit(2);
}

if (!values["reuse-build"]) {
  const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`seed=${seed} (repeat with --seed ${seed})`);
const environment = await createFuzzEnvironment({ smtpPort: Number(values["smtp-port"]), mailWebPort: Number(values["mail-web-port"]) });
let exitCode = 1;
try {
  const server = await startServer({
    port: Number(values.port),
    env: {
      ...process.env,
      DATABASE_URL: environment.databaseUrl,
      SMTP_URL: environment.smtpUrl,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "fuzz-secret-that-is-long-enough-for-auth-js-0123456789",
      AUTH_URL: `http://127.0.0.1:${values.port}`,
      SECRETS_KEY: process.env.SECRETS_KEY ?? randomBytes(32).toString("base64"),
      // Generated sign-in requests must reach the code behind the limits, not only the limit.
      MAGIC_LINK_LIMIT_PER_EMAIL: "1000000",
      MAGIC_LINK_LIMIT_PER_IP: "1000000",
    },
  });
  try {
    const result = await runFuzz({ baseUrl: server.url, cookies: environment.cookies, inputs, seed, protocol: values.protocol, log: (line) => console.log(line) });
    console.log(`answers by status: ${JSON.stringify(result.byStatus)}; without answer: ${JSON.stringify(result.noAnswerReasons)}`);
    if (result.status5xx) {
      console.log("Server log (tail):");
      console.log(server.errors().slice(-8000));
    }
    exitCode = result.status5xx === 0 ? 0 : 1;
    console.log(`inputs=${result.inputs} status_5xx=${result.status5xx}`);
  } finally {
    await server.stop();
  }
} finally {
  await environment.dispose();
}
process.exit(exitCode);
