// An archived tenant is read-only (issue 14, item 5): its members still read everything, but no tenant
// action changes anything in it, except "Restore tenant" itself. The write core asks here, in the
// writing transaction (so an archive that committed while the action waited counts); the database's
// trigger (migration tenant_archive) is the second wall, and its refusal reads the same.
import "server-only";
import { tenantArchivedAt } from "@/db/queries/tenants";
import type { Tenant } from "@/db/schema";
import type { TenantTx } from "@/db/scopes";
import { ActionError, ARCHIVED_MESSAGE } from "./core";


/** Refuses (code ARCHIVED) when the transaction's tenant is archived; the locked row answers when there is one. */
export async function refuseIfArchived(tx: TenantTx, lockedTenant: Pick<Tenant, "archivedAt"> | null): Promise<void> {
  const archivedAt = lockedTenant ? lockedTenant.archivedAt : await tenantArchivedAt(tx);
  if (archivedAt) throw new ActionError("ARCHIVED", ARCHIVED_MESSAGE);
}
