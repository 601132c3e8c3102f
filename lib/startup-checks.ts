import { assertRuntimeRoleIsSafe } from "@/db/scopes";
import { parseEnv } from "./env";

/** Refuse to serve with bad configuration, or with a database role that row-level security would not hold. */
export async function refuseToStartWhenUnsafe(): Promise<void> {
  try {
    parseEnv();
    await assertRuntimeRoleIsSafe();
  } catch (error) {
    console.error(`Tenantry cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
