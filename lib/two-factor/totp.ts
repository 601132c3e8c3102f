// TOTP (RFC 6238) through otpauth: SHA-1, 6 digits, 30-second steps, the parameters every
// authenticator app reads from the QR code. A code is accepted for its own step and one on either
// side (clock drift); which step matched is returned, so the caller can spend it (never twice).
import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = "Tenantry";

/** A new random secret (160 bits, RFC 4226's recommended length), as base32 text. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, accountEmail: string): string {
  return totpOf(secretBase32, accountEmail).toString();
}

/** Six digits, nothing else (spaces an app shows between groups are removed first). */
export const TOTP_CODE = /^\d{6}$/;

/** The time step the code belongs to (now ± one step), or null when it matches none. */
export function matchingTimeStep(secretBase32: string, code: string, now: number = Date.now()): number | null {
  if (!TOTP_CODE.test(code)) return null;
  const totp = totpOf(secretBase32, "");
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}
