// rotate-secrets-key moves every connection's secrets to the current SECRETS_KEY too (in the
// rotation's one transaction, tenant by tenant under row-level security), so removing
// SECRETS_KEY_PREVIOUS afterwards breaks no connection.
import type { TenantTx } from "@/db/scopes";
import { lockEncryptedConnectionSecrets, storeReencryptedConnectionSecrets } from "@/db/queries/connections";
import { decryptBound, encryptBound } from "../secrets/cipher";
import { keyById, type Keyring } from "../secrets/keyring";
import { connectionSecretContext } from "./secret-context";

export async function reencryptConnectionSecrets(tx: TenantTx, keyring: Keyring, unknownKey: (keyId: string) => Error): Promise<number> {
  let reencrypted = 0;
  for (const row of await lockEncryptedConnectionSecrets(tx)) {
    if (row.keyId === keyring.current.id) continue;
    if (!keyById(keyring, row.keyId)) throw unknownKey(row.keyId);
    const context = connectionSecretContext(tx.tenantId, row.id);
    await storeReencryptedConnectionSecrets(tx, row.id, encryptBound(keyring, context, decryptBound(keyring, context, row)));
    reencrypted += 1;
  }
  return reencrypted;
}
