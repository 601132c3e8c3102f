// `npm run demo`: the console on a fresh machine with nothing else installed. Migrates and seeds the
// embedded database (or DATABASE_URL), starts the mail catcher, then the app.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { MailDev } from "maildev";
import { closeDatabase, migrateDatabase } from "../db/lifecycle";
import { seedDemoDataIfEmpty } from "../db/seed";
import { DEMO_WORLD } from "../db/seed-data";

const port = Number(process.env.PORT ?? 3000);
const smtpPort = Number(process.env.MAILDEV_SMTP_PORT ?? 1025);
const mailWebPort = Number(process.env.MAILDEV_WEB_PORT ?? 1080);

/** A secret generated once into .data/<name> and read from there on every later start. */
function demoSecret(name: string, encoding: "base64url" | "base64"): string {
  const file = path.resolve(".data", name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString(encoding), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

await migrateDatabase();
const seeded = await seedDemoDataIfEmpty();
// Release the embedded database: the app server opens it in its own process.
await closeDatabase();

const maildev = new MailDev({
  smtp: smtpPort,
  web: mailWebPort,
  ip: "127.0.0.1",
  webIp: "127.0.0.1",
  mailDirectory: path.resolve(".data/mail"),
  silent: true,
});
await maildev.start();

// server.ts in development mode: like `npm start`, the app sees each request's client address.
const app = spawn(path.resolve("node_modules/.bin/tsx"), ["server.ts", "--dev", "--port", String(port)], {
  stdio: "inherit",
  env: {
    ...process.env,
    SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${smtpPort}`,
    AUTH_SECRET: process.env.AUTH_SECRET ?? demoSecret("auth-secret", "base64url"),
    // Credential values are encrypted under this key; losing .data/secrets-key loses them.
    SECRETS_KEY: process.env.SECRETS_KEY ?? demoSecret("secrets-key", "base64"),
    // Links in mail and redirects are built on this address, never on the request's Host.
    AUTH_URL: process.env.AUTH_URL ?? `http://localhost:${port}`,
    MAIL_CATCHER_URL: `http://localhost:${mailWebPort}`,
    // Every demo user signs in from this one machine: per-IP sign-in limits sized for a whole office
    // would stop someone trying out many accounts. Per (address, IP) limits keep their defaults.
    MAGIC_LINK_LIMIT_PER_IP: process.env.MAGIC_LINK_LIMIT_PER_IP ?? "200",
    PASSWORD_LIMIT_PER_IP: process.env.PASSWORD_LIMIT_PER_IP ?? "200",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

const membershipsOf = (email: string) =>
  DEMO_WORLD.tenants.flatMap((t) => t.members.filter((m) => m.email === email).map((m) => `${t.name} (${m.roles.join("+")})`));
console.log(`
Tenantry demo ${seeded ? "(demo data seeded)" : ""}
  Console:      http://localhost:${port}
  Mail catcher: http://localhost:${mailWebPort}   (sign-in links arrive here)

Sign in with any of these addresses:
${DEMO_WORLD.users.map((u) => `  ${u.email.padEnd(22)} ${"isSuperadmin" in u ? "superadmin" : membershipsOf(u.email).join(", ")}`).join("\n")}
`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  app.kill("SIGTERM");
  await maildev.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
app.on("exit", (code) => void stop(code ?? 0));
