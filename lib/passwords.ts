// Password hashing: argon2id (the library's default algorithm) with OWASP's baseline parameters
// (19 MiB, 2 passes, 1 lane). The hash string carries its own salt and parameters, so they can be
// raised later without breaking stored hashes.
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import { z } from "zod";

const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 12;
// Long enough for any passphrase; short enough that hashing cannot be used to burn CPU.
export const PASSWORD_MAX_LENGTH = 200;

/** What a new password must be. No composition rules (NIST SP 800-63B): length is what counts. */
export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((value) => value.trim().length > 0, "A password cannot be only spaces.");

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verified against when the account is unknown or has no password, so that answer takes as long as
// a wrong password and timing does not tell which accounts exist.
let dummyHash: Promise<string> | undefined;

/**
 * Whether `password` matches `storedHash`. With no stored hash it still runs one full verification
 * (against a throw-away hash) and answers false.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url"));
  const target = storedHash ?? (await dummyHash);
  try {
    const matches = await verify(target, password);
    return storedHash !== null && matches;
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a crash
  }
}
