// Credential values encrypted at rest: AES-256-GCM from node:crypto (an authenticated cipher: a
// changed byte, a wrong key or other additional data makes decryption fail, never a wrong value).
// A fresh 12-byte IV per encryption. The additional data binds a value to its tenant and row, so a
// ciphertext copied to another credential or tenant in the database does not decrypt there.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyById, SecretsKeyError, type Keyring } from "./keyring";

export interface EncryptedValue {
  keyId: string;
  iv: string;
  authTag: string;
  ciphertext: string;
}

/** Where a value belongs: it decrypts only there. */
export interface ValueOwner {
  tenantId: string;
  credentialId: string;
}

const ALGORITHM = "aes-256-gcm";
// The full 16-byte tag only: a shorter tag given to decryption would be checked on fewer bytes.
const AUTH_TAG_LENGTH = 16;
const credentialContext = (owner: ValueOwner) => `credential:${owner.tenantId}:${owner.credentialId}`;

export function encryptValue(keyring: Keyring, owner: ValueOwner, plaintext: string): EncryptedValue {
  return encryptBound(keyring, credentialContext(owner), plaintext);
}

/** The plaintext; throws when the key is not in the keyring or the value was tampered with. */
export function decryptValue(keyring: Keyring, owner: ValueOwner, value: EncryptedValue): string {
  return decryptBound(keyring, credentialContext(owner), value);
}

/**
 * Encrypts a secret bound to `context` (the additional data: what the value belongs to, e.g.
 * "credential:<tenant>:<id>" or "totp:<user>"): it decrypts only with the same context.
 */
export function encryptBound(keyring: Keyring, context: string, plaintext: string): EncryptedValue {
  const iv = randomBytes(12);
  // Stryker disable next-line ObjectLiteral: equivalent, encryption makes a 16-byte GCM tag by default; decryption is where the length must be insisted on
  const cipher = createCipheriv(ALGORITHM, keyring.current.key, iv, { authTagLength: AUTH_TAG_LENGTH });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    keyId: keyring.current.id,
    iv: iv.toString("base64"),
    authTag: cipher.getAuthTag().toString("base64"),
    ciphertext: ciphertext.toString("base64"),
  };
}

/** The plaintext of a value encrypted for `context`; throws on a missing key, another context or tampering. */
export function decryptBound(keyring: Keyring, context: string, value: EncryptedValue): string {
  const secretsKey = keyById(keyring, value.keyId);
  if (!secretsKey) throw new SecretsKeyError(`No key with id ${value.keyId} is configured (SECRETS_KEY, SECRETS_KEY_PREVIOUS).`);
  const decipher = createDecipheriv(ALGORITHM, secretsKey.key, Buffer.from(value.iv, "base64"), { authTagLength: AUTH_TAG_LENGTH });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(value.authTag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(value.ciphertext, "base64")), decipher.final()]).toString("utf8");
}
