// `npm run test:e2e`: Playwright against the production build. Prepares a throw-away database
// (a fresh one on DATABASE_URL's server, else an embedded PGlite folder) with the demo data, and a
// mail catcher whose HTTP API the specs read; cleans both up afterwards.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MailDev } from "maildev";
import { closeDatabase, migrateDatabase } from "../db/lifecycle";
import { seedDemoDataIfEmpty, seedWorld } from "../db/seed";
import { E2E_WORLDS } from "../e2e/seed";
import { createTestDatabase } from "./test-database";

const appPort = Number(process.env.E2E_PORT ?? 3100); // playwright.config.ts serves the app there
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 1125);
const mailWebPort = Number(process.env.E2E_MAIL_WEB_PORT ?? 1180);

// Asynchronous on purpose: the mail catcher runs in this process and must keep answering.
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    spawn(command, args, { stdio: "inherit", env }).on("exit", (code) => resolve(code ?? 1));
  });
}

const serverUrl = process.env.DATABASE_URL;
const testDatabase = serverUrl ? await createTestDatabase(serverUrl, "e2e") : null;
const pgliteDir = testDatabase ? null : fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-e2e-"));
// On PostgreSQL the app connects as tenantry_login, as in production; migrations and seeds run as the owner.
const databaseUrl = testDatabase ? testDatabase.loginUrl : `pglite:${pgliteDir}/db`;
const ownerUrl = testDatabase ? testDatabase.ownerUrl : databaseUrl;

let exitCode = 1;
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-e2e-mail-"));
const maildev = new MailDev({ smtp: smtpPort, web: mailWebPort, ip: "127.0.0.1", webIp: "127.0.0.1", mailDirectory: mailDir, silent: true });
try {
  process.env.DATABASE_URL = ownerUrl;
  await migrateDatabase();
  await seedDemoDataIfEmpty();
  for (const world of E2E_WORLDS) await seedWorld(world);
  await closeDatabase();
  await maildev.start();

  // E2E_SKIP_BUILD=1 reuses the last build while iterating on specs.
  exitCode = process.env.E2E_SKIP_BUILD ? 0 : await run("node_modules/.bin/next", ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  if (exitCode === 0) {
    exitCode = await run("node_modules/.bin/playwright", ["test", ...process.argv.slice(2)], {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      SECRETS_KEY: randomBytes(32).toString("base64"),
      // Required in production: the public address that links in mail are built on (Playwright's baseURL).
      AUTH_URL: `http://localhost:${appPort}`,
      MAIL_API_URL: `http://127.0.0.1:${mailWebPort}`,
      // The connections spec tests a connection to an HTTP server it starts on 127.0.0.1.
      CONNECTIONS_ALLOW_LOCAL_TARGETS: "1",
      // Every spec signs in from 127.0.0.1 with the same few addresses.
      MAGIC_LINK_LIMIT_PER_ADDRESS_AND_IP: "1000",
      MAGIC_LINK_LIMIT_PER_ADDRESS: "1000",
      MAGIC_LINK_LIMIT_PER_IP: "1000",
      PASSWORD_LIMIT_PER_ACCOUNT_AND_IP: "1000",
      PASSWORD_LIMIT_PER_IP: "1000",
    });
  }
} finally {
  await maildev.stop().catch(() => {});
  await testDatabase?.drop().catch((error: Error) => console.error(`Could not drop ${testDatabase.name}: ${error.message}`));
  if (pgliteDir) fs.rmSync(pgliteDir, { recursive: true, force: true });
  fs.rmSync(mailDir, { recursive: true, force: true });
}
process.exit(exitCode);
