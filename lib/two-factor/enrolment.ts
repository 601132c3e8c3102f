// Enrolment from /profile: a new secret waits (encrypted) for its first code; the code confirms it and
// brings ten recovery codes, shown once. Disabling takes a code too.
import "server-only";
import QRCode from "qrcode";
import type { Tx } from "@/db/scopes";
import { deleteTwoFactor, findTwoFactor, replaceRecoveryCodes, savePendingTwoFactor, spendTimeStep } from "@/db/queries/two-factor";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";
import { decryptTotpSecret, encryptTotpSecret } from "./secret-storage";
import { matchingStepOf, spendSecondFactorCode, typedCode } from "./codes";
import { newTotpSecret, totpUri } from "./totp";

export interface PendingEnrolment {
  /** The secret as text (base32), for typing into an app that cannot scan. */
  secret: string;
  /** The otpauth:// address as an SVG QR code, in a data: URL (rendered here, nothing is fetched). */
  qrCodeDataUrl: string;
}

/** Starts (or restarts) enrolment; false when two-factor is already on. */
export async function startEnrolment(tx: Tx, userId: string): Promise<boolean> {
  return savePendingTwoFactor(tx, userId, encryptTotpSecret(userId, newTotpSecret()));
}

export type TwoFactorState =
  | { status: "off" }
  | { status: "pending"; enrolment: PendingEnrolment }
  | { status: "on" };

export async function twoFactorState(tx: Tx, user: { id: string; email: string }): Promise<TwoFactorState> {
  const record = await findTwoFactor(tx, user.id);
  if (!record) return { status: "off" };
  if (record.confirmedAt) return { status: "on" };
  const secret = decryptTotpSecret(user.id, record.value);
  const svg = await QRCode.toString(totpUri(secret, user.email), { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { status: "pending", enrolment: { secret, qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` } };
}

/** Confirms a pending enrolment with its first code: the recovery codes (shown once), or null for a wrong code. */
export async function confirmEnrolment(tx: Tx, userId: string, typed: string): Promise<string[] | null> {
  const step = await matchingStepOf(tx, userId, typedCode(typed), "pending");
  if (step === null || !(await spendTimeStep(tx, userId, step, true))) return null;
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx, userId, codes.map((code) => hashRecoveryCode(userId, code)));
  return codes;
}

/** Turns two-factor off with a current code (or a recovery code); false for a wrong one. */
export async function disableWithCode(tx: Tx, userId: string, typed: string): Promise<boolean> {
  if (!(await spendSecondFactorCode(tx, userId, typed))) return false;
  await deleteTwoFactor(tx, userId);
  return true;
}
