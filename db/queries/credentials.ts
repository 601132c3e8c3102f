// Credentials (withTenant scope). Row-level security limits every statement to the scope's tenant;
// the explicit tenant filters are the second wall. Listing never selects the encrypted value.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { credentials } from "../schema";
import type { TenantTx } from "../scopes";
import type { EncryptedValue } from "@/lib/secrets/cipher";

/** What the console may show of a credential: never the value, only its last 4 characters. */
const metadataColumns = {
  id: credentials.id,
  name: credentials.name,
  description: credentials.description,
  valueLast4: credentials.valueLast4,
  updatedByEmail: credentials.updatedByEmail,
  updatedAt: credentials.updatedAt,
};

export type CredentialMetadata = { id: string; name: string; description: string | null; valueLast4: string; updatedByEmail: string | null; updatedAt: Date };

export function listCredentials(tx: TenantTx): Promise<CredentialMetadata[]> {
  return tx.select(metadataColumns).from(credentials).where(eq(credentials.tenantId, tx.tenantId)).orderBy(asc(credentials.name), asc(credentials.id));
}

/** One credential's metadata, locked until commit (a replace and a delete of it run one after another). */
export async function lockCredential(tx: TenantTx, id: string): Promise<CredentialMetadata | null> {
  const [row] = await tx
    .select(metadataColumns)
    .from(credentials)
    .where(and(eq(credentials.tenantId, tx.tenantId), eq(credentials.id, id)))
    .for("update");
  return row ?? null;
}

interface ValueChange {
  value: EncryptedValue;
  valueLast4: string;
  updatedByUserId: string | null;
  updatedByEmail: string | null;
}

export async function insertCredential(
  tx: TenantTx,
  credential: ValueChange & { id: string; name: string; description: string | null },
): Promise<CredentialMetadata> {
  const { value, ...rest } = credential;
  const [row] = await tx
    .insert(credentials)
    .values({ ...rest, ...value, tenantId: tx.tenantId })
    .returning(metadataColumns);
  return row!;
}

export async function replaceCredentialValue(tx: TenantTx, id: string, change: ValueChange): Promise<CredentialMetadata | null> {
  const { value, ...rest } = change;
  const [row] = await tx
    .update(credentials)
    .set({ ...rest, ...value, updatedAt: sql`now()` })
    .where(and(eq(credentials.tenantId, tx.tenantId), eq(credentials.id, id)))
    .returning(metadataColumns);
  return row ?? null;
}

export async function deleteCredential(tx: TenantTx, id: string): Promise<void> {
  await tx.delete(credentials).where(and(eq(credentials.tenantId, tx.tenantId), eq(credentials.id, id)));
}

/** The encrypted values of the tenant's credentials with these names (a flow run resolving its credential steps). */
export function encryptedValuesNamed(tx: TenantTx, names: string[]) {
  return tx
    .select({ id: credentials.id, name: credentials.name, keyId: credentials.keyId, iv: credentials.iv, authTag: credentials.authTag, ciphertext: credentials.ciphertext })
    .from(credentials)
    .where(and(eq(credentials.tenantId, tx.tenantId), inArray(credentials.name, names)));
}

/** Every encrypted value of the tenant, locked, for re-encryption under a new key (rotate-secrets-key). */
export function lockEncryptedValues(tx: TenantTx) {
  return tx
    .select({ id: credentials.id, keyId: credentials.keyId, iv: credentials.iv, authTag: credentials.authTag, ciphertext: credentials.ciphertext })
    .from(credentials)
    .where(eq(credentials.tenantId, tx.tenantId))
    .for("update");
}

/** Re-encrypted under another key: the value, its last 4 and who changed it stay as they were. */
export async function storeReencryptedValue(tx: TenantTx, id: string, value: EncryptedValue): Promise<void> {
  await tx.update(credentials).set(value).where(and(eq(credentials.tenantId, tx.tenantId), eq(credentials.id, id)));
}
