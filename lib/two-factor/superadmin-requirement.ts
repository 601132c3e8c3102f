// "Require two-factor for all superadmins" (platform_settings): a superadmin without two-factor is sent
// to enrol before the console opens (lib/platform-page.ts), their console actions are refused
// (lib/actions/platform-action.ts), and they cannot enter tenants as a superadmin
// (lib/superadmin-access.ts). Checked on every request, in the transaction that checks the flag.
import "server-only";
import type { PlatformAccess } from "@/db/scopes";

export const SUPERADMIN_TWO_FACTOR_MESSAGE =
  "Two-factor authentication is required of superadmins. Set it up on your profile, then try again.";

/** Thrown inside a superadmin's transaction when the platform requires two-factor and they have none. */
export class SuperadminTwoFactorMissingError extends Error {}

/** `platform` is the superadmin's transaction's (withPlatform), which read the requirement with the flag. */
export function assertSuperadminTwoFactor(platform: PlatformAccess, superadmin: { twoFactorEnabled: boolean }): void {
  if (!superadmin.twoFactorEnabled && platform.twoFactorRequired) throw new SuperadminTwoFactorMissingError();
}
