// The platform's one settings row (platform_settings, migration 0018). Read in any scope (the
// requirement is checked on every superadmin request); changed only in the console's scope, whose role
// alone may update it.
import { eq } from "drizzle-orm";
import { platformSettings } from "../schema";
import type { PlatformTx, Tx } from "../scopes";

export async function isSuperadminTwoFactorRequired(tx: Tx): Promise<boolean> {
  const [row] = await tx.select({ required: platformSettings.superadminTwoFactorRequired }).from(platformSettings).where(eq(platformSettings.id, true));
  return row?.required ?? false;
}

export async function setSuperadminTwoFactorRequired(tx: PlatformTx, required: boolean): Promise<void> {
  await tx.update(platformSettings).set({ superadminTwoFactorRequired: required }).where(eq(platformSettings.id, true));
}
