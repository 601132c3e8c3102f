// Integrations (issue 13, item 5): superadmins create and revoke them (PlatformTx: only the platform
// role may write the table, migration 0024); the API door reads one by id and finds the tenant an
// integration's external tenant id names (tenants.integration_id, external_id: global, before any
// tenant is known).
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { PlatformTx, TenantTx, Tx } from "../scopes";
import { integrations, tenants, type Integration } from "../schema";

export type NewIntegration = typeof integrations.$inferInsert;

export async function insertIntegration(tx: PlatformTx, integration: NewIntegration) {
  const [row] = await tx.insert(integrations).values(integration).onConflictDoNothing({ target: integrations.name }).returning();
  return row ?? null;
}

export function listIntegrations(tx: PlatformTx) {
  return tx
    .select({
      id: integrations.id,
      name: integrations.name,
      algorithm: integrations.algorithm,
      defaultLicense: integrations.defaultLicense,
      defaultRole: integrations.defaultRole,
      createdByEmail: integrations.createdByEmail,
      createdAt: integrations.createdAt,
      revokedAt: integrations.revokedAt,
      // Spelled out: inside the subquery drizzle would render both columns unqualified, and "id" would be the tenant's.
      tenantCount: sql<number>`(select count(*)::int from "tenants" where "tenants"."integration_id" = "integrations"."id")`,
    })
    .from(integrations)
    .orderBy(desc(integrations.createdAt));
}

/** Revokes a live integration; null when there is none with this id or it was revoked already. */
export async function revokeIntegration(tx: PlatformTx, id: string) {
  const [row] = await tx
    .update(integrations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(integrations.id, id), isNull(integrations.revokedAt)))
    .returning({ id: integrations.id, name: integrations.name });
  return row ?? null;
}

/** A live (not revoked) integration by id. */
export async function findLiveIntegration(tx: Tx, id: string): Promise<Integration | null> {
  const [row] = await tx
    .select()
    .from(integrations)
    .where(and(eq(integrations.id, id), isNull(integrations.revokedAt)));
  return row ?? null;
}

/**
 * Serializes the first calls for one (integration, external id) until commit: the second waits, then
 * finds the tenant the first created. A transaction-level advisory lock, so it cannot leak.
 */
export async function lockExternalTenant(tx: Tx, integrationId: string, externalId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`integration:${integrationId}:${externalId}`}, 0))`);
}

export async function findExternalTenant(tx: Tx, integrationId: string, externalId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.integrationId, integrationId), eq(tenants.externalId, externalId)));
  return row?.id ?? null;
}

/**
 * The role an integration acts with in this tenant, as it is now: its default role while it is live
 * and the tenant is one it created; null otherwise (revoked meanwhile, or another integration's tenant).
 */
export async function integrationRoleIn(tx: TenantTx, integrationId: string) {
  const [row] = await tx
    // The tenant's "Viewers see dashboards only" with it: a Viewer integration sees dashboards only (lib/permissions.ts).
    .select({ role: integrations.defaultRole, viewersSeeDashboardsOnly: tenants.viewersSeeDashboardsOnly })
    .from(integrations)
    .innerJoin(tenants, eq(tenants.integrationId, integrations.id))
    .where(and(eq(integrations.id, integrationId), isNull(integrations.revokedAt), eq(tenants.id, tx.tenantId)));
  return row ?? null;
}

/** The HS256 integrations' encrypted secrets, locked, for rotate-secrets-key. */
export function lockIntegrationSecrets(tx: Tx) {
  return tx
    .select({ id: integrations.id, keyId: integrations.secretKeyId, iv: integrations.secretIv, authTag: integrations.secretAuthTag, ciphertext: integrations.secretCiphertext })
    .from(integrations)
    .where(eq(integrations.algorithm, "HS256"))
    .orderBy(integrations.id)
    .for("update");
}

export async function storeReencryptedIntegrationSecret(
  tx: Tx,
  id: string,
  secret: { secretKeyId: string; secretIv: string; secretAuthTag: string; secretCiphertext: string },
) {
  await tx.update(integrations).set(secret).where(eq(integrations.id, id));
}
