// rotate-secrets-key moves the HS256 integrations' secrets to the current SECRETS_KEY too, so removing
// SECRETS_KEY_PREVIOUS afterwards breaks no integration's tokens. In the rotation's one transaction.
import type { Tx } from "@/db/scopes";
import { lockIntegrationSecrets, storeReencryptedIntegrationSecret } from "@/db/queries/integrations";
import { decryptBound } from "../secrets/cipher";
import { keyById, type Keyring } from "../secrets/keyring";
import { encryptIntegrationSecret, secretContext } from "./integration-key";

export async function reencryptIntegrationSecrets(tx: Tx, keyring: Keyring, unknownKey: (keyId: string) => Error): Promise<number> {
  let reencrypted = 0;
  for (const row of await lockIntegrationSecrets(tx)) {
    const value = { keyId: row.keyId!, iv: row.iv!, authTag: row.authTag!, ciphertext: row.ciphertext! };
    if (value.keyId === keyring.current.id) continue;
    if (!keyById(keyring, value.keyId)) throw unknownKey(value.keyId);
    const secret = decryptBound(keyring, secretContext(row.id), value);
    await storeReencryptedIntegrationSecret(tx, row.id, encryptIntegrationSecret(row.id, secret, keyring));
    reencrypted += 1;
  }
  return reencrypted;
}
