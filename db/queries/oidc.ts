import { and, eq, lt, sql } from "drizzle-orm";
import { oidcConfigs, oidcSignInRequests } from "../schema";
import type { TenantTx } from "../scopes";

export type OidcConfig = typeof oidcConfigs.$inferSelect;
export type OidcConfigInput = Omit<typeof oidcConfigs.$inferInsert, "tenantId" | "updatedAt">;
export type OidcSignInRequest = Omit<typeof oidcSignInRequests.$inferSelect, "tenantId">;

/** The transaction's tenant's OpenID Connect settings, or null when it has none. */
export async function findOidcConfig(tx: TenantTx): Promise<OidcConfig | null> {
  const [row] = await tx.select().from(oidcConfigs).where(eq(oidcConfigs.tenantId, tx.tenantId));
  return row ?? null;
}

export async function upsertOidcConfig(tx: TenantTx, config: OidcConfigInput): Promise<void> {
  const values = { ...config, tenantId: tx.tenantId, updatedAt: new Date() };
  await tx.insert(oidcConfigs).values(values).onConflictDoUpdate({ target: oidcConfigs.tenantId, set: values });
}

export async function deleteOidcConfig(tx: TenantTx): Promise<boolean> {
  const deleted = await tx.delete(oidcConfigs).where(eq(oidcConfigs.tenantId, tx.tenantId)).returning({ tenantId: oidcConfigs.tenantId });
  return deleted.length > 0;
}

/** Remembers a sign-in this tenant started; the tenant's expired ones are dropped first. */
export async function insertOidcSignInRequest(tx: TenantTx, request: OidcSignInRequest): Promise<void> {
  await tx.delete(oidcSignInRequests).where(and(eq(oidcSignInRequests.tenantId, tx.tenantId), lt(oidcSignInRequests.expiresAt, sql`now()`)));
  await tx.insert(oidcSignInRequests).values({ ...request, tenantId: tx.tenantId });
}

/**
 * Takes (deletes and returns) the unexpired sign-in this tenant started with `state`, or null: each
 * state answers one callback, and only in the tenant that started it.
 */
export async function takeOidcSignInRequest(tx: TenantTx, state: string): Promise<OidcSignInRequest | null> {
  const [row] = await tx
    .delete(oidcSignInRequests)
    .where(and(eq(oidcSignInRequests.tenantId, tx.tenantId), eq(oidcSignInRequests.state, state)))
    .returning();
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  return { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier, returnTo: row.returnTo, expiresAt: row.expiresAt };
}

/** The tenant's OIDC settings, locked for the key rotation (lib/sso/oidc-rotation.ts). */
export async function lockOidcConfig(tx: TenantTx): Promise<OidcConfig | null> {
  const [row] = await tx.select().from(oidcConfigs).where(eq(oidcConfigs.tenantId, tx.tenantId)).for("update");
  return row ?? null;
}

export async function storeReencryptedOidcSecret(
  tx: TenantTx,
  secret: Pick<OidcConfig, "secretKeyId" | "secretIv" | "secretAuthTag" | "secretCiphertext">,
): Promise<void> {
  await tx.update(oidcConfigs).set(secret).where(eq(oidcConfigs.tenantId, tx.tenantId));
}
