// What the fuzzer attacks: a throw-away database with the demo data (a fresh database on
// DATABASE_URL's server, else an embedded PGlite folder), a mail catcher for the mail the attacked
// actions send, and signed-in sessions for demo users. Sessions are written straight into the
// sessions table (as Auth.js's adapter would), so signing in needs no browser.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MailDev } from "maildev";
import { closeDatabase, migrateDatabase } from "../../db/lifecycle";
import { withSystem } from "../../db/scopes";
import { findUserByEmail } from "../../db/queries/users";
import { insertSession } from "../../db/queries/sessions";
import { seedDemoDataIfEmpty } from "../../db/seed";
import { createTestDatabase } from "../test-database";

/** Demo users the fuzzer signs in as (db/seed-data.ts): an Admin and a Viewer of acme, and the superadmin. */
export const FUZZ_IDENTITIES = { admin: "alice@acme.test", viewer: "carol@acme.test", superadmin: "root@tenantry.test" } as const;
export type Identity = keyof typeof FUZZ_IDENTITIES;

export interface FuzzEnvironment {
  databaseUrl: string;
  smtpUrl: string;
  /** Cookie header values, one per identity. */
  cookies: Record<Identity, string>;
  dispose(): Promise<void>;
}

export async function createFuzzEnvironment(options: { smtpPort: number; mailWebPort: number }): Promise<FuzzEnvironment> {
  const serverUrl = process.env.DATABASE_URL;
  const testDatabase = serverUrl ? await createTestDatabase(serverUrl, "fuzz") : null;
  const pgliteDir = testDatabase ? null : fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-fuzz-"));
  // On PostgreSQL the server connects as tenantry_login, as in production; migrations and seeds run as the owner.
  const databaseUrl = testDatabase ? testDatabase.loginUrl : `pglite:${pgliteDir}/db`;
  const ownerUrl = testDatabase ? testDatabase.ownerUrl : databaseUrl;
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "tenantry-fuzz-mail-"));
  const maildev = new MailDev({
    smtp: options.smtpPort,
    web: options.mailWebPort,
    ip: "127.0.0.1",
    webIp: "127.0.0.1",
    mailDirectory: mailDir,
    silent: true,
  });

  const dispose = async () => {
    await maildev.stop().catch(() => {});
    await testDatabase?.drop().catch((error: Error) => console.error(`Could not drop ${testDatabase.name}: ${error.message}`));
    if (pgliteDir) fs.rmSync(pgliteDir, { recursive: true, force: true });
    fs.rmSync(mailDir, { recursive: true, force: true });
  };

  try {
    process.env.DATABASE_URL = ownerUrl;
    await migrateDatabase();
    await seedDemoDataIfEmpty();
    const cookies = {} as Record<Identity, string>;
    for (const [identity, email] of Object.entries(FUZZ_IDENTITIES) as [Identity, string][]) {
      cookies[identity] = `authjs.session-token=${await openSession(email)}`;
    }
    // PGlite allows one process: the server's.
    await closeDatabase();
    await maildev.start();
    return { databaseUrl, smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`, cookies, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** A day-long session for a demo user, as Auth.js's adapter stores one after a magic link. */
async function openSession(email: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await withSystem(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) throw new Error(`The demo data has no ${email}`);
    await insertSession(tx, { sessionToken, userId: user.id, expires: new Date(Date.now() + 24 * 3600_000), authMethod: "magic_link" });
  });
  return sessionToken;
}
