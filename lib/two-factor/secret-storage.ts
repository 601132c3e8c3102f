// The TOTP secret at rest: encrypted like a credential value (AES-256-GCM under SECRETS_KEY,
// lib/secrets/cipher.ts), bound to its user, so a ciphertext copied to another user's row does not
// decrypt there.
import { decryptBound, encryptBound, type EncryptedValue } from "../secrets/cipher";
import { secretsKeyring } from "../secrets/keyring";

/** What a TOTP secret is bound to (the cipher's additional data). */
export const totpSecretContext = (userId: string) => `totp:${userId}`;

export function encryptTotpSecret(userId: string, secretBase32: string): EncryptedValue {
  return encryptBound(secretsKeyring(), totpSecretContext(userId), secretBase32);
}

export function decryptTotpSecret(userId: string, value: EncryptedValue): string {
  return decryptBound(secretsKeyring(), totpSecretContext(userId), value);
}
