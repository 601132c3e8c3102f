// An integration's verification key: the HS256 secret (stored encrypted under the secrets key, bound to
// the integration's id so a ciphertext copied to another row does not decrypt) or the RS256/ES256
// public key (PEM, SPKI), imported by jose for exactly the integration's algorithm.
import { importSPKI } from "jose";
import type { Integration, IntegrationAlgorithm } from "@/db/schema";
import { decryptBound, encryptBound, type EncryptedValue } from "../secrets/cipher";
import { secretsKeyring, type Keyring } from "../secrets/keyring";

export const secretContext = (integrationId: string) => `integration:${integrationId}`;

export function encryptIntegrationSecret(integrationId: string, secret: string, keyring: Keyring = secretsKeyring()) {
  const value = encryptBound(keyring, secretContext(integrationId), secret);
  return { secretKeyId: value.keyId, secretIv: value.iv, secretAuthTag: value.authTag, secretCiphertext: value.ciphertext };
}

/** The key jose verifies the integration's tokens with. Throws when the stored key cannot be read. */
export async function verificationKeyOf(integration: Integration): Promise<Uint8Array | CryptoKey> {
  if (integration.algorithm === "HS256") {
    const value: EncryptedValue = {
      keyId: integration.secretKeyId!,
      iv: integration.secretIv!,
      authTag: integration.secretAuthTag!,
      ciphertext: integration.secretCiphertext!,
    };
    return new TextEncoder().encode(decryptBound(secretsKeyring(), secretContext(integration.id), value));
  }
  return importSPKI(integration.publicKey!, integration.algorithm);
}

/** Whether `pem` is a public key jose accepts for `algorithm` (the form checks it before saving). */
export async function isUsablePublicKey(pem: string, algorithm: Exclude<IntegrationAlgorithm, "HS256">): Promise<boolean> {
  try {
    await importSPKI(pem, algorithm);
    return true;
  } catch {
    return false;
  }
}
