// A tenant-scoped transaction that lies about its tenant: the transaction's database scope (the one
// the row-level security policies read) is one tenant, the tenant id the queries filter by is
// another. The application cannot make one (db/scopes.ts hands out a TenantTx only together with its
// scope); the isolation tests forge it to attack each wall on its own.
import type { TenantTx, Tx } from "@/db/scopes";

export function claimingTenant(tx: Tx, tenantId: string): TenantTx {
  return Object.create(tx, { tenantId: { value: tenantId, enumerable: true } }) as TenantTx;
}
