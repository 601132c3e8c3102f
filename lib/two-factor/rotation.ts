// Part of `npm run admin -- rotate-secrets-key` (lib/credentials/rotate-secrets-key.ts): the users'
// TOTP secrets are under SECRETS_KEY too, so they move to the new key in the same transaction as the
// credential values; without this, removing SECRETS_KEY_PREVIOUS would lock their users out.
import type { Tx } from "@/db/scopes";
import { lockTwoFactorSecrets, storeReencryptedTwoFactorSecret } from "@/db/queries/two-factor";
import { decryptBound, encryptBound } from "../secrets/cipher";
import { keyById, type Keyring } from "../secrets/keyring";
import { totpSecretContext } from "./secret-storage";

/** Re-encrypts every TOTP secret not under the current key; says how many. `unknownKey` names what stops it. */
export async function reencryptTwoFactorSecrets(tx: Tx, keyring: Keyring, unknownKey: (keyId: string) => Error): Promise<number> {
  let reencrypted = 0;
  for (const row of await lockTwoFactorSecrets(tx)) {
    if (row.keyId === keyring.current.id) continue;
    if (!keyById(keyring, row.keyId)) throw unknownKey(row.keyId);
    const context = totpSecretContext(row.userId);
    await storeReencryptedTwoFactorSecret(tx, row.userId, encryptBound(keyring, context, decryptBound(keyring, context, row)));
    reencrypted += 1;
  }
  return reencrypted;
}
