import { eq } from "drizzle-orm";
import { ipAllowLists } from "../schema";
import type { TenantTx } from "../scopes";

/** A tenant's lists by kind (only the kinds that have one). */
export type StoredIpAllowLists = Partial<Record<string, string[]>>;

function byKind(rows: { kind: string; cidrs: string[] }[]): StoredIpAllowLists {
  return Object.fromEntries(rows.map((row) => [row.kind, row.cidrs]));
}

/** The transaction's tenant's lists (withTenant scope). */
export async function readIpAllowLists(tx: TenantTx): Promise<StoredIpAllowLists> {
  const rows = await tx.select({ kind: ipAllowLists.kind, cidrs: ipAllowLists.cidrs }).from(ipAllowLists).where(eq(ipAllowLists.tenantId, tx.tenantId));
  return byKind(rows);
}

/** Replaces the transaction's tenant's lists: a kind with no blocks has no row. */
export async function replaceIpAllowLists(tx: TenantTx, lists: Record<string, string[]>): Promise<void> {
  await tx.delete(ipAllowLists).where(eq(ipAllowLists.tenantId, tx.tenantId));
  const rows = Object.entries(lists)
    .filter(([, cidrs]) => cidrs.length > 0)
    .map(([kind, cidrs]) => ({ tenantId: tx.tenantId, kind, cidrs }));
  if (rows.length) await tx.insert(ipAllowLists).values(rows);
}
