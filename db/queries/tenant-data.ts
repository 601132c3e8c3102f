// What a tenant data file is read from and written into (withTenant scope; lib/tenant-export/). The
// export reads names and values, never ids into the file; rows are read in keyset batches on
// (created_at, id), with created_at as text to the microsecond so no row is skipped or repeated
// between batches (a JS Date keeps milliseconds only).
import { and, asc, count, eq, sql } from "drizzle-orm";
import { approvedDomains, credentials, dataTableRows, dataTables, flows, tenants, type DataRowValues } from "../schema";
import type { TenantTx } from "../scopes";

const createdAtText = sql<string>`to_char(${dataTableRows.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Everything of the tenant the file carries except table rows (read in batches): small by the tenant's caps. */
export async function readTenantDataHead(tx: TenantTx) {
  const [settings] = await tx
    .select({ contactEmail: tenants.contactEmail, magicLinkEnabled: tenants.magicLinkEnabled, twoFactorRequired: tenants.twoFactorRequired })
    .from(tenants)
    .where(eq(tenants.id, tx.tenantId));
  const domains = await tx.select({ domain: approvedDomains.domain }).from(approvedDomains).where(eq(approvedDomains.tenantId, tx.tenantId)).orderBy(asc(approvedDomains.domain));
  const flowRows = await tx.select({ name: flows.name, steps: flows.steps }).from(flows).where(eq(flows.tenantId, tx.tenantId)).orderBy(asc(flows.name));
  const tables = await tx
    .select({ id: dataTables.id, name: dataTables.name, columns: dataTables.columns })
    .from(dataTables)
    .where(eq(dataTables.tenantId, tx.tenantId))
    .orderBy(sql`lower(${dataTables.name})`, asc(dataTables.id));
  const [rows] = await tx.select({ value: count() }).from(dataTableRows).where(eq(dataTableRows.tenantId, tx.tenantId));
  return { settings: settings ?? null, domains: domains.map((row) => row.domain), flows: flowRows, tables, rowCount: rows?.value ?? 0 };
}

/** The tenant's credentials with their encrypted values (decrypted only to be sealed under an export passphrase). */
export function readCredentialsForExport(tx: TenantTx) {
  return tx
    .select({ id: credentials.id, name: credentials.name, description: credentials.description, keyId: credentials.keyId, iv: credentials.iv, authTag: credentials.authTag, ciphertext: credentials.ciphertext })
    .from(credentials)
    .where(eq(credentials.tenantId, tx.tenantId))
    .orderBy(asc(credentials.name));
}

export interface RowKey {
  createdAt: string;
  id: string;
}

/** Up to `limit` rows of a table after `after`, in the order they were added. */
export function readRowBatch(tx: TenantTx, tableId: string, after: RowKey | null, limit: number) {
  return tx
    .select({ id: dataTableRows.id, createdAt: createdAtText, values: dataTableRows.values })
    .from(dataTableRows)
    .where(
      and(
        eq(dataTableRows.tenantId, tx.tenantId),
        eq(dataTableRows.tableId, tableId),
        after ? sql`(${dataTableRows.createdAt}, ${dataTableRows.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(dataTableRows.createdAt), asc(dataTableRows.id))
    .limit(limit);
}

/** Names already taken in the tenant, for an import's plan (tables compare without case, like their unique index). */
export async function readImportTargets(tx: TenantTx) {
  const flowRows = await tx.select({ id: flows.id, name: flows.name, steps: flows.steps }).from(flows).where(eq(flows.tenantId, tx.tenantId));
  const tables = await tx.select({ name: dataTables.name }).from(dataTables).where(eq(dataTables.tenantId, tx.tenantId));
  const credentialRows = await tx.select({ name: credentials.name }).from(credentials).where(eq(credentials.tenantId, tx.tenantId));
  return { flows: flowRows, tableNames: tables.map((row) => row.name), credentialNames: credentialRows.map((row) => row.name) };
}

export async function replaceFlowSteps(tx: TenantTx, flowId: string, steps: string[]): Promise<void> {
  await tx
    .update(flows)
    .set({ steps, updatedAt: sql`now()` })
    .where(and(eq(flows.tenantId, tx.tenantId), eq(flows.id, flowId)));
}

/** Rows into one of the tenant's tables, each keeping when it was added. */
export async function insertImportedRows(tx: TenantTx, tableId: string, rows: { values: DataRowValues; createdAt: string }[]): Promise<void> {
  if (!rows.length) return;
  await tx.insert(dataTableRows).values(rows.map((row) => ({ tenantId: tx.tenantId, tableId, values: row.values, createdAt: sql`${row.createdAt}::timestamptz`, updatedAt: sql`now()` })));
}
