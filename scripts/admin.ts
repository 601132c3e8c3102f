// `npm run admin -- <command>` (grant-superadmin, revoke-superadmin, create-api-key, rotate-secrets-key): see lib/admin-commands.ts.
import { closeDatabase } from "../db/lifecycle";
import { runAdminCommand } from "../lib/admin-commands";

let exitCode = 1;
try {
  const result = await runAdminCommand(process.argv.slice(2));
  exitCode = result.exitCode;
  (exitCode === 0 ? console.log : console.error)(result.message);
} catch (error) {
  console.error(`Could not run the command: ${(error as Error).message}`);
  console.error('Is the database reachable (DATABASE_URL), and migrated ("npm run db:migrate")?');
} finally {
  await closeDatabase();
}
process.exit(exitCode);
