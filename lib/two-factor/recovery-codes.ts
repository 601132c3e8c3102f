// Recovery codes: ten per user, each usable once, shown once at enrolment. Each is 16 characters of
// Crockford-style base32 (80 random bits), so SHA-256 is enough to store them: unlike a password, a
// code cannot be guessed from a leaked hash (2^80 tries), and a plain hash lets a code be found by one
// indexed lookup instead of ten argon2 verifications per attempt. The hash covers the user id, so one
// user's code means nothing for another.
import { createHash, randomBytes } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function randomCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < 16; i++) code = ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)] + code;
  return code.match(/.{4}/g)!.join("-");
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, randomCode);
}

/** The code as stored: case, spaces and dashes do not matter; i, l and o read as 1, 1 and 0. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "").replace(/[il]/g, "1").replace(/o/g, "0");
}

export function hashRecoveryCode(userId: string, code: string): string {
  return createHash("sha256").update(`${userId}:${normalizeRecoveryCode(code)}`).digest("hex");
}

/** Whether typed text can be a recovery code (rather than a six-digit TOTP code). */
export function looksLikeRecoveryCode(code: string): boolean {
  return /^[0-9a-z]{16}$/.test(normalizeRecoveryCode(code));
}
