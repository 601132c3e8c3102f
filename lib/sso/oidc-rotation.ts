// rotate-secrets-key moves each tenant's OIDC client secret to the current SECRETS_KEY too, so removing
// SECRETS_KEY_PREVIOUS afterwards breaks no tenant's single sign-on. In the rotation's one transaction.
import { lockOidcConfig, storeReencryptedOidcSecret } from "@/db/queries/oidc";
import type { TenantTx } from "@/db/scopes";
import { keyById, type Keyring } from "../secrets/keyring";
import { decryptOidcClientSecret, encryptOidcClientSecret } from "./oidc-secret";

/** 1 when the tenant's secret was re-encrypted, 0 when it has none or it is under the current key. */
export async function reencryptOidcClientSecret(tx: TenantTx, keyring: Keyring, unknownKey: (keyId: string) => Error): Promise<number> {
  const config = await lockOidcConfig(tx);
  if (!config || config.secretKeyId === keyring.current.id) return 0;
  if (!keyById(keyring, config.secretKeyId)) throw unknownKey(config.secretKeyId);
  await storeReencryptedOidcSecret(tx, encryptOidcClientSecret(tx.tenantId, decryptOidcClientSecret(config, keyring), keyring));
  return 1;
}
