// The keys credential values are encrypted under, from the environment. SECRETS_KEY is the current key
// (new values and rotation use it); SECRETS_KEY_PREVIOUS, while a rotation is under way, the one
// before (values still under it can be read, and `npm run admin -- rotate-secrets-key` re-encrypts
// them under the current key). Each key is 32 random bytes, base64 (`openssl rand -base64 32`).
// A key's id is a fingerprint of it (the first 16 hex digits of its SHA-256): stored with each value,
// it says which key to decrypt with, and needs no naming scheme of its own.
import { createHash } from "node:crypto";
import { z } from "zod";

export interface SecretsKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: SecretsKey;
  previous: SecretsKey | null;
}

export const SECRETS_KEY_FORMAT_MESSAGE = "must be 32 random bytes, base64 encoded (openssl rand -base64 32)";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$|^[A-Za-z0-9_-]+$/;

/**
 * The 32 bytes a SECRETS_KEY value (trimmed by every caller) stands for, or null when it is not base64
 * of exactly 32 bytes. Node.js reads either alphabet (+/ or -_) as base64; the pattern keeps out
 * anything else, which Node.js would skip over instead of refusing.
 */
export function decodeSecretsKey(value: string): Buffer | null {
  if (!BASE64.test(value)) return null;
  const bytes = Buffer.from(value, "base64");
  return bytes.length === 32 ? bytes : null;
}

export const SecretsKeySchema = z
  .string()
  .trim()
  .refine((value) => decodeSecretsKey(value) !== null, SECRETS_KEY_FORMAT_MESSAGE);

export const keyIdOf = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 16);

const asSecretsKey = (key: Buffer): SecretsKey => ({ id: keyIdOf(key), key });

// Development, tests and the e2e build without SECRETS_KEY only: in production no value is stored
// without it (the credential forms say so), and the demo generates one into .data (scripts/demo.ts).
const DEVELOPMENT_KEY = createHash("sha256").update("tenantry-development-secrets-key-not-for-production-use").digest();

export class SecretsKeyError extends Error {}

/** What a credential form answers when the server has no usable SECRETS_KEY. */
export const SECRETS_KEY_MISSING_MESSAGE = "Credentials cannot be saved yet: the server has no secrets key (SECRETS_KEY). Ask the operator to set it.";

/** The keyring the environment configures (read on every call: the rotation command and tests change it). */
export function secretsKeyring(source: Record<string, string | undefined> = process.env): Keyring {
  const current = source.SECRETS_KEY?.trim();
  const previous = source.SECRETS_KEY_PREVIOUS?.trim();
  if (!current && source.NODE_ENV === "production") throw new SecretsKeyError("SECRETS_KEY is not set.");
  const currentKey = current ? decodeSecretsKey(current) : DEVELOPMENT_KEY;
  if (!currentKey) throw new SecretsKeyError(`SECRETS_KEY ${SECRETS_KEY_FORMAT_MESSAGE}`);
  const previousKey = previous ? decodeSecretsKey(previous) : null;
  if (previous && !previousKey) throw new SecretsKeyError(`SECRETS_KEY_PREVIOUS ${SECRETS_KEY_FORMAT_MESSAGE}`);
  return { current: asSecretsKey(currentKey), previous: previousKey ? asSecretsKey(previousKey) : null };
}

/** The key with this id, if the keyring holds it. */
export function keyById(keyring: Keyring, id: string): SecretsKey | null {
  return [keyring.current, keyring.previous].find((key) => key?.id === id) ?? null;
}
