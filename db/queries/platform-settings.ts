// The platform's one settings row (platform_settings, migration 0018): readable by the app in any scope
// (the API limit and the superadmin two-factor requirement are checked on every request), changed only
// in a superadmin's transaction (tenantry_platform holds the only UPDATE grant).
import "server-only";
import { eq, sql } from "drizzle-orm";
import { platformSettings, tenants } from "../schema";
import type { PlatformTx, Tx } from "../scopes";

/** The settings row, locked until commit when `lock` (two changes apply one after the other). */
export async function getPlatformSettings(tx: Tx, options: { lock?: boolean } = {}) {
  const query = tx.select({ apiRequestsPerMinute: platformSettings.apiRequestsPerMinute }).from(platformSettings).where(sql`${platformSettings.id}`);
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? { apiRequestsPerMinute: null };
}

export async function setPlatformApiLimit(tx: PlatformTx, apiRequestsPerMinute: number | null): Promise<void> {
  await tx.update(platformSettings).set({ apiRequestsPerMinute }).where(sql`${platformSettings.id}`);
}

/** A tenant's API requests per minute and 30-day flow-run quota (null: no limit). */
export async function updateTenantLimits(
  tx: PlatformTx,
  tenantId: string,
  limits: { apiRequestsPerMinute?: number | null; flowRunsPer30Days?: number | null },
): Promise<void> {
  await tx.update(tenants).set(limits).where(eq(tenants.id, tenantId));
}

export async function isSuperadminTwoFactorRequired(tx: Tx): Promise<boolean> {
  const [row] = await tx.select({ required: platformSettings.superadminTwoFactorRequired }).from(platformSettings).where(sql`${platformSettings.id}`);
  return row?.required ?? false;
}

export async function setSuperadminTwoFactorRequired(tx: PlatformTx, required: boolean): Promise<void> {
  await tx.update(platformSettings).set({ superadminTwoFactorRequired: required }).where(sql`${platformSettings.id}`);
}
