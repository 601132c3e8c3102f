import { and, asc, eq } from "drizzle-orm";
import { approvedDomains } from "../schema";
import type { TenantTx } from "../scopes";

/**
 * The tenant's approved email domains, alphabetically (withTenant scope). Empty means any domain may
 * be added. Domains are stored normalised (lib/email-domains.ts), so an address matches when its
 * part after "@", lower-cased and in punycode, equals one of them.
 */
export async function listApprovedDomains(tx: TenantTx): Promise<string[]> {
  const rows = await tx
    .select({ domain: approvedDomains.domain })
    .from(approvedDomains)
    .where(eq(approvedDomains.tenantId, tx.tenantId))
    .orderBy(asc(approvedDomains.domain));
  return rows.map((row) => row.domain);
}

/** Adds a normalised domain; false when the tenant already has it. */
export async function addApprovedDomain(tx: TenantTx, domain: string): Promise<boolean> {
  const inserted = await tx
    .insert(approvedDomains)
    .values({ tenantId: tx.tenantId, domain })
    .onConflictDoNothing()
    .returning({ domain: approvedDomains.domain });
  return inserted.length > 0;
}

/** Removes a domain; false when the tenant did not have it. */
export async function removeApprovedDomain(tx: TenantTx, domain: string): Promise<boolean> {
  const removed = await tx
    .delete(approvedDomains)
    .where(and(eq(approvedDomains.tenantId, tx.tenantId), eq(approvedDomains.domain, domain)))
    .returning({ domain: approvedDomains.domain });
  return removed.length > 0;
}
