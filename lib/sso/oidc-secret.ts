// The OIDC client secret at rest: encrypted like credential values (lib/secrets/cipher.ts, AES-256-GCM
// under SECRETS_KEY), bound to its tenant so a ciphertext copied to another tenant's row does not decrypt.
// Also used by `npm run admin -- rotate-secrets-key` (lib/sso/oidc-rotation.ts), outside Next.js.
import type { OidcConfig } from "@/db/queries/oidc";
import { decryptBound, encryptBound } from "../secrets/cipher";
import { secretsKeyring, type Keyring } from "../secrets/keyring";

const secretContext = (tenantId: string) => `oidc-client-secret:${tenantId}`;

export function encryptOidcClientSecret(tenantId: string, secret: string, keyring: Keyring = secretsKeyring()) {
  const value = encryptBound(keyring, secretContext(tenantId), secret);
  return { secretKeyId: value.keyId, secretIv: value.iv, secretAuthTag: value.authTag, secretCiphertext: value.ciphertext };
}

export function decryptOidcClientSecret(config: OidcConfig, keyring: Keyring = secretsKeyring()): string {
  return decryptBound(keyring, secretContext(config.tenantId), {
    keyId: config.secretKeyId,
    iv: config.secretIv,
    authTag: config.secretAuthTag,
    ciphertext: config.secretCiphertext,
  });
}
