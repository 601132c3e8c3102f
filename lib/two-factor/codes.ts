// Checking a second-factor code: a TOTP code spends its time step (never accepted twice), a recovery
// code is spent once. Attempts are counted first, in their own transaction, so a wrong code counts
// even though the action that tried it rolls back.
import "server-only";
import { withSystem, type Tx } from "@/db/scopes";
import { findTwoFactor, spendRecoveryCode, spendTimeStep } from "@/db/queries/two-factor";
import { allowTwoFactorAttempt } from "../sign-in-limits";
import { hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";
import { decryptTotpSecret } from "./secret-storage";
import { matchingTimeStep, TOTP_CODE } from "./totp";

export const WRONG_CODE_MESSAGE = "That code is not valid. Enter the current code from your app, or an unused recovery code.";
export const TOO_MANY_CODES_MESSAGE = "Too many codes were tried. Please wait 15 minutes and try again.";

/** Counts one code attempt by this user; false past the limit (lib/sign-in-limits.ts). */
export function countCodeAttempt(userId: string): Promise<boolean> {
  return withSystem((tx) => allowTwoFactorAttempt(tx, userId));
}

/** Spaces an app shows inside a code (123 456) do not matter. */
export const typedCode = (code: string) => code.replace(/\s/g, "");

/**
 * Spends a code of the user's confirmed two-factor: the current TOTP code or one of their recovery
 * codes. Says which kind was accepted, or null (wrong, already used, or two-factor not confirmed).
 */
export async function spendSecondFactorCode(tx: Tx, userId: string, typed: string): Promise<"totp" | "recovery" | null> {
  const code = typedCode(typed);
  if (TOTP_CODE.test(code)) {
    const step = await matchingStepOf(tx, userId, code, "confirmed");
    return step !== null && (await spendTimeStep(tx, userId, step, false)) ? "totp" : null;
  }
  if (looksLikeRecoveryCode(code)) return (await spendRecoveryCode(tx, userId, hashRecoveryCode(userId, code))) ? "recovery" : null;
  return null;
}

/** The time step a TOTP code matches for the user's secret in that state, or null. */
export async function matchingStepOf(tx: Tx, userId: string, code: string, state: "pending" | "confirmed"): Promise<number | null> {
  const record = await findTwoFactor(tx, userId);
  if (!record || (record.confirmedAt !== null) !== (state === "confirmed")) return null;
  return matchingTimeStep(decryptTotpSecret(userId, record.value), code);
}
