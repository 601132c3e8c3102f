// Credential values in an export file, encrypted under the Admin's passphrase (never the server's
// SECRETS_KEY, which the importing server does not share): the key is derived with scrypt (a memory-hard
// KDF from node:crypto) from the passphrase and a random per-file salt, and each value is sealed with
// AES-256-GCM (authenticated: a wrong passphrase or a changed byte fails, never yields a wrong value).
// The additional data binds a value to its record (a credential's name, a connection's id), so values
// swapped between records fail.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";

/** The KDF's parameters as the file records them, so a later version can raise the cost and still read old files. */
export interface PassphraseKdf {
  name: "scrypt";
  salt: string;
  N: number;
  r: number;
  p: number;
}

export interface SealedValue {
  iv: string;
  authTag: string;
  ciphertext: string;
}

export const MIN_PASSPHRASE_LENGTH = 12;
// N = 2^15, r = 8: about 32 MiB and a few tens of milliseconds per derivation (OWASP's scrypt floor).
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const AUTH_TAG_LENGTH = 16;

export function newKdf(): PassphraseKdf {
  return { name: "scrypt", salt: randomBytes(16).toString("base64"), ...COST };
}

/** Bounds on what a file may ask for, so a forged file cannot make the server spend gigabytes. */
export function kdfAcceptable(kdf: PassphraseKdf): boolean {
  return kdf.N >= 2 ** 14 && kdf.N <= 2 ** 17 && (kdf.N & (kdf.N - 1)) === 0 && kdf.r >= 8 && kdf.r <= 16 && kdf.p >= 1 && kdf.p <= 4;
}

export function deriveKey(passphrase: string, kdf: PassphraseKdf): Buffer {
  return scryptSync(passphrase.normalize("NFC"), Buffer.from(kdf.salt, "base64"), KEY_LENGTH, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r * 2 });
}

/** What a sealed value belongs to: a credential by name (as version 1 files have it), a connection by id. */
export type SealedOwner = string | { connectionId: string };
const context = (owner: SealedOwner) =>
  Buffer.from(typeof owner === "string" ? `tenantry-export:credential:${owner}` : `tenantry-export:connection:${owner.connectionId}`, "utf8");

export function sealValue(key: Buffer, owner: SealedOwner, plaintext: string): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: AUTH_TAG_LENGTH });
  cipher.setAAD(context(owner));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { iv: iv.toString("base64"), authTag: cipher.getAuthTag().toString("base64"), ciphertext: ciphertext.toString("base64") };
}

/** The plaintext, or null when the passphrase is wrong or the value was changed. */
export function openValue(key: Buffer, owner: SealedOwner, sealed: SealedValue): string | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"), { authTagLength: AUTH_TAG_LENGTH });
    decipher.setAAD(context(owner));
    decipher.setAuthTag(Buffer.from(sealed.authTag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
