// API keys. Listing, creating and revoking run in withTenant (row-level security limits them to the
// tenant; the explicit tenant filters are the second wall). Resolving a request's key runs first in
// withApiKeyLookup (the one row with that hash), then in the key's tenant.
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { apiKeys, type MemberRole } from "../schema";
import type { ApiKeyLookupTx, TenantTx } from "../scopes";
import { viewersSeeDashboardsOnlyOf } from "./viewers-see-dashboards-only";

const listColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  role: apiKeys.role,
  expiresAt: apiKeys.expiresAt,
  createdAt: apiKeys.createdAt,
  createdByEmail: apiKeys.createdByEmail,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
  revokedAt: apiKeys.revokedAt,
};

export function listApiKeys(tx: TenantTx) {
  return tx.select(listColumns).from(apiKeys).where(eq(apiKeys.tenantId, tx.tenantId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function insertApiKey(
  tx: TenantTx,
  key: { name: string; role: MemberRole; keyHash: string; expiresAt: Date | null; createdByEmail: string | null },
) {
  const [row] = await tx.insert(apiKeys).values({ ...key, tenantId: tx.tenantId }).returning(listColumns);
  return row!;
}

/** One key, locked until commit (two revokes of it run one after the other). */
export async function lockApiKey(tx: TenantTx, id: string) {
  const [row] = await tx
    .select(listColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tx.tenantId), eq(apiKeys.id, id)))
    .for("update");
  return row ?? null;
}

export async function revokeApiKey(tx: TenantTx, id: string): Promise<void> {
  await tx
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.tenantId, tx.tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
}

/** withApiKeyLookup scope: which tenant's key has this hash (revoked and expired ones included). */
export async function findApiKeyTenant(tx: ApiKeyLookupTx, keyHash: string): Promise<{ tenantId: string; id: string } | null> {
  const [row] = await tx.select({ tenantId: apiKeys.tenantId, id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
  return row ?? null;
}

/** A key that is neither revoked nor expired as of this transaction. */
const usable = () => and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)));

/**
 * The key's role as it is now, locked until commit (a revoke waits for the write it authorizes), while
 * the key is usable; else null. The REST API's writes authorize here, inside their transaction.
 */
export async function usableApiKeyRole(tx: TenantTx, id: string): Promise<{ role: MemberRole; viewersSeeDashboardsOnly: boolean } | null> {
  const [row] = await tx
    // The tenant's "Viewers see dashboards only" in the same statement (lib/permissions.ts).
    .select({ role: apiKeys.role, viewersSeeDashboardsOnly: viewersSeeDashboardsOnlyOf(apiKeys.tenantId) })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tx.tenantId), eq(apiKeys.id, id), usable()))
    .for("share");
  return row ?? null;
}

/**
 * withTenant scope, the key's tenant: records this use of the key and answers its name and role, in
 * one statement, only while the key is neither revoked nor expired (as of this transaction); else null.
 */
export async function useApiKey(tx: TenantTx, id: string, ip: string | null): Promise<{ name: string; role: MemberRole } | null> {
  const [row] = await tx
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()`, lastUsedIp: ip })
    .where(
and(eq(apiKeys.tenantId, tx.tenantId), eq(apiKeys.id, id), usable()),
    )
    .returning({ name: apiKeys.name, role: apiKeys.role });
  return row ?? null;
}
