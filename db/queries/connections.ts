// Connections (withTenant scope). Row-level security limits every statement to the scope's tenant;
// the explicit tenant filters are the second wall. What the pages and the API read (ConnectionView)
// never includes the encrypted secrets: only lockConnectionSecrets, for the action that needs them
// (a test, an edit keeping a secret, the key rotation), selects them.
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { connections, type ConnectionStatus } from "../schema";
import type { TenantTx, Tx } from "../scopes";
import type { EncryptedValue } from "@/lib/secrets/cipher";

const viewColumns = {
  id: connections.id,
  name: connections.name,
  connector: connections.connector,
  settings: connections.settings,
  status: connections.status,
  lastError: connections.lastError,
  lastTestedAt: connections.lastTestedAt,
  lastReceivedAt: connections.lastReceivedAt,
  createdAt: connections.createdAt,
  updatedAt: connections.updatedAt,
};

export type ConnectionView = {
  id: string;
  name: string;
  connector: string;
  settings: Record<string, string | number | boolean>;
  status: ConnectionStatus;
  lastError: string | null;
  lastTestedAt: Date | null;
  lastReceivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const encryptedColumns = { keyId: connections.keyId, iv: connections.iv, authTag: connections.authTag, ciphertext: connections.ciphertext };

const byId = (tx: TenantTx, id: string) => and(eq(connections.tenantId, tx.tenantId), eq(connections.id, id));

export function listConnections(tx: TenantTx): Promise<ConnectionView[]> {
  return tx.select(viewColumns).from(connections).where(eq(connections.tenantId, tx.tenantId)).orderBy(asc(connections.name), asc(connections.id));
}

export async function findConnection(tx: TenantTx, id: string): Promise<ConnectionView | null> {
  const [row] = await tx.select(viewColumns).from(connections).where(byId(tx, id));
  return row ?? null;
}

/** With its version (db/schema/connections.ts: the same version is the same connection) and its encrypted secrets. */
type WithSecrets = ConnectionView & { version: number; encrypted: EncryptedValue };

/** One connection with its encrypted secrets, locked until commit (an edit, a test and a delete run one after another). */
export const lockConnectionSecrets = (tx: TenantTx, id: string) => connectionWithSecrets(tx, id, true);

/** One connection with its encrypted secrets, unlocked (the page showing a webhook's URL to those who manage it). */
export const readConnectionSecrets = (tx: TenantTx, id: string) => connectionWithSecrets(tx, id, false);

async function connectionWithSecrets(tx: TenantTx, id: string, lock: boolean): Promise<WithSecrets | null> {
  const query = tx.select({ ...viewColumns, version: connections.version, ...encryptedColumns }).from(connections).where(byId(tx, id));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return null;
  const { keyId, iv, authTag, ciphertext, ...view } = row;
  return { ...view, encrypted: { keyId, iv, authTag, ciphertext } };
}

export async function insertConnection(
  tx: TenantTx,
  connection: {
    id: string;
    name: string;
    connector: string;
    settings: Record<string, string | number | boolean>;
    encrypted: EncryptedValue;
    createdBy: string | null;
    /** Active unless said (an import without the secret makes it inactive, saying why). */
    status?: ConnectionStatus;
    lastError?: string | null;
  },
): Promise<ConnectionView> {
  const { encrypted, ...rest } = connection;
  const [row] = await tx.insert(connections).values({ ...rest, ...encrypted, tenantId: tx.tenantId }).returning(viewColumns);
  return row!;
}

export async function updateConnection(
  tx: TenantTx,
  id: string,
  change: { name?: string; settings?: Record<string, string | number | boolean>; encrypted?: EncryptedValue; status?: ConnectionStatus; lastError?: string | null; lastTestedAt?: Date },
): Promise<ConnectionView | null> {
  const { encrypted, ...rest } = change;
  const [row] = await tx
    .update(connections)
    .set({ ...rest, ...encrypted, updatedAt: sql`now()`, version: sql`${connections.version} + 1` })
    .where(byId(tx, id))
    .returning(viewColumns);
  return row ?? null;
}

export async function deleteConnection(tx: TenantTx, id: string): Promise<void> {
  await tx.delete(connections).where(byId(tx, id));
}

/** Which of `ids` are connections of the transaction's tenant (a flow's steps naming them). */
export async function existingConnectionIds(tx: TenantTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.select({ id: connections.id }).from(connections).where(and(eq(connections.tenantId, tx.tenantId), inArray(connections.id, ids)));
  return new Set(rows.map((row) => row.id));
}

/** The active connections among `ids` (a flow run using them). */
export async function activeConnectionIds(tx: TenantTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.tenantId, tx.tenantId), inArray(connections.id, ids), eq(connections.status, "active")));
  return new Set(rows.map((row) => row.id));
}

/** An incoming webhook's accepted POST. */
export async function markWebhookReceived(tx: TenantTx, id: string): Promise<void> {
  await tx.update(connections).set({ lastReceivedAt: sql`now()` }).where(byId(tx, id));
}

/**
 * Every connection of the tenant made inactive (archiving a tenant, issue 14 item 5): an inactive
 * webhook refuses posts and flows cannot use them. `tx` must be in the tenant's scope (enterTenant),
 * so row-level security applies. Answers how many changed.
 */
export async function deactivateTenantConnections(tx: Tx, tenantId: string): Promise<number> {
  const rows = await tx
    .update(connections)
    .set({ status: "inactive", updatedAt: sql`now()`, version: sql`${connections.version} + 1` })
    .where(and(eq(connections.tenantId, tenantId), ne(connections.status, "inactive")))
    .returning({ id: connections.id });
  return rows.length;
}

/** Every encrypted secret of the tenant, locked, for re-encryption under a new key (rotate-secrets-key). */
export function lockEncryptedConnectionSecrets(tx: TenantTx) {
  return tx.select({ id: connections.id, ...encryptedColumns }).from(connections).where(eq(connections.tenantId, tx.tenantId)).for("update");
}

export async function storeReencryptedConnectionSecrets(tx: TenantTx, id: string, value: EncryptedValue): Promise<void> {
  await tx.update(connections).set(value).where(byId(tx, id));
}
