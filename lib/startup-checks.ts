import { assertRuntimeRoleIsSafe, databaseLoginProblem } from "@/db/scopes";
import { parseEnv } from "./env";

/** Refuse to serve with bad configuration, or with a database role that row-level security would not hold. */
export async function refuseToStartWhenUnsafe(): Promise<void> {
  try {
    parseEnv();
    await assertRuntimeRoleIsSafe();
    await assertDatabaseLoginIsSafe();
  } catch (error) {
    console.error(`Tenantry cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}

/** The setting that lets the app log in as a privileged user anyway (a developer's local superuser). */
export const ALLOW_PRIVILEGED_LOGIN_SETTING = "ALLOW_PRIVILEGED_DATABASE_LOGIN";

/**
 * Refuses a login that could leave the runtime role for one that row-level security does not hold
 * (superuser, BYPASSRLS, table owner), unless ALLOW_PRIVILEGED_DATABASE_LOGIN=1 says so explicitly.
 */
export async function assertDatabaseLoginIsSafe(env: Record<string, string | undefined> = process.env): Promise<void> {
  if (env[ALLOW_PRIVILEGED_LOGIN_SETTING] === "1") return;
  const problem = await databaseLoginProblem();
  if (problem) {
    throw new Error(
      `${problem}. Connect as a login role that is only a member of tenantry_app and tenantry_platform ` +
        `(npm run db:migrate creates tenantry_login; see the README), or set ${ALLOW_PRIVILEGED_LOGIN_SETTING}=1 to allow it.`,
    );
  }
}
