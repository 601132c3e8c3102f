// Archiving and restoring a tenant, the one place both doors use: a tenant Admin's Settings ("Archive
// tenant", "Restore tenant") and a superadmin's /admin. What archiving stops is not stored anywhere
// else: the write core, the API doors and the database's trigger all read tenants.archived_at, so
// clearing it brings everything back at once.
import "server-only";
import { deactivateTenantConnections } from "@/db/queries/connections";
import { setTenantArchivedAt } from "@/db/queries/tenants";
import type { TenantTx } from "@/db/scopes";

export interface ArchiveState {
  id: string;
  name: string;
  archivedAt: Date | null;
}

/**
 * Archives the tenant (the caller holds its row's lock; `tx` is in the tenant's scope); false when it
 * already was. "If a tenant is archived, all their connections are automatically deactivated": first,
 * while the archived-tenant trigger still lets the write through. Restoring leaves them inactive (they
 * need testing again), so restoreTenantIn has no counterpart.
 */
export async function archiveTenantIn(tx: TenantTx, tenant: ArchiveState): Promise<boolean> {
  if (tenant.archivedAt) return false;
  await deactivateTenantConnections(tx, tenant.id);
  await setTenantArchivedAt(tx, tenant.id, new Date());
  return true;
}

/** Restores the tenant (the caller holds its row's lock); false when it was not archived. */
export async function restoreTenantIn(tx: TenantTx, tenant: ArchiveState): Promise<boolean> {
  if (!tenant.archivedAt) return false;
  await setTenantArchivedAt(tx, tenant.id, null);
  return true;
}

export const ARCHIVED_SUMMARY = (by: string, name: string) => `${by} archived the tenant ${name}`;
export const RESTORED_SUMMARY = (by: string, name: string) => `${by} restored the tenant ${name}`;
