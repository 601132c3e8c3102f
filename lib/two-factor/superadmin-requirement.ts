// "Require two-factor for all superadmins" (platform_settings): a superadmin without two-factor is sent
// to enrol before the console opens (lib/platform-page.ts), their console actions are refused
// (lib/actions/platform-action.ts), and they cannot enter tenants as a superadmin
// (lib/superadmin-access.ts). Checked on every request, in the transaction that checks the flag.
import "server-only";
import { isSuperadminTwoFactorRequired } from "@/db/queries/platform-settings";
import type { Tx } from "@/db/scopes";

export const SUPERADMIN_TWO_FACTOR_MESSAGE =
  "Two-factor authentication is required of superadmins. Set it up on your profile, then try again.";

/** Thrown inside a superadmin's transaction when the platform requires two-factor and they have none. */
export class SuperadminTwoFactorMissingError extends Error {}

export async function assertSuperadminTwoFactor(tx: Tx, superadmin: { twoFactorEnabled: boolean }): Promise<void> {
  if (!superadmin.twoFactorEnabled && (await isSuperadminTwoFactorRequired(tx))) throw new SuperadminTwoFactorMissingError();
}
