// A flow run resolving the credentials its steps name: each value is decrypted inside the run's
// transaction (so the run proves it could use it: the key is configured and the value untampered)
// and dropped at once. Only the names that resolved leave this module; nothing logs a value.
import "server-only";
import { encryptedValuesNamed } from "@/db/queries/credentials";
import type { TenantTx } from "@/db/scopes";
import { credentialOfStep } from "../flows/steps";
import { decryptValue } from "../secrets/cipher";
import { secretsKeyring } from "../secrets/keyring";

/** The names, among those `steps` refer to, of the transaction's tenant's credentials whose values decrypt. */
export async function resolveCredentials(tx: TenantTx, steps: readonly string[]): Promise<Set<string>> {
  const names = [...new Set(steps.map(credentialOfStep).filter((name): name is string => name !== null))];
  if (names.length === 0) return new Set();
  const rows = await encryptedValuesNamed(tx, names);
  const resolved = new Set<string>();
  for (const row of rows) {
    try {
      // The value itself is not kept: a step that sent it somewhere would take it from here.
      decryptValue(secretsKeyring(), { tenantId: tx.tenantId, credentialId: row.id }, row);
      resolved.add(row.name);
    } catch {
      // Not resolvable (no secrets key, a retired key, a tampered value): the step fails and says so.
    }
  }
  return resolved;
}
