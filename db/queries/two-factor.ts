// Two-factor state of one user (global tables: user_two_factor, user_recovery_codes) and of one
// session. Every statement names its user; the conditional updates make each time step and each
// recovery code usable once, also under concurrent requests.
import { and, count, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { sessions, userRecoveryCodes, userTwoFactor } from "../schema";
import type { Tx } from "../scopes";
import type { EncryptedValue } from "@/lib/secrets/cipher";

export interface TwoFactorRecord {
  value: EncryptedValue;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
}

export async function findTwoFactor(tx: Tx, userId: string): Promise<TwoFactorRecord | null> {
  const [row] = await tx
    .select({
      keyId: userTwoFactor.keyId,
      iv: userTwoFactor.iv,
      authTag: userTwoFactor.authTag,
      ciphertext: userTwoFactor.ciphertext,
      confirmedAt: userTwoFactor.confirmedAt,
      lastUsedStep: userTwoFactor.lastUsedStep,
    })
    .from(userTwoFactor)
    .where(eq(userTwoFactor.userId, userId));
  if (!row) return null;
  const { confirmedAt, lastUsedStep, ...value } = row;
  return { value, confirmedAt, lastUsedStep };
}

/**
 * Stores a new secret waiting for its first code, replacing an earlier unconfirmed one. Says false
 * (and changes nothing) when two-factor is already confirmed: that secret is replaced only by
 * disabling first, which takes a code.
 */
export async function savePendingTwoFactor(tx: Tx, userId: string, value: EncryptedValue): Promise<boolean> {
  const rows = await tx
    .insert(userTwoFactor)
    .values({ userId, ...value })
    .onConflictDoUpdate({
      target: userTwoFactor.userId,
      set: { ...value, lastUsedStep: null, createdAt: sql`now()` },
      setWhere: isNull(userTwoFactor.confirmedAt),
    })
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

/**
 * Spends the time step `step` of the user's secret: true once per step, and only for a step after the
 * last one spent (a code is never accepted twice, nor an older one after a newer). `confirming`: the
 * first code of an enrolment, which also confirms it; otherwise only a confirmed secret's steps count.
 */
export async function spendTimeStep(tx: Tx, userId: string, step: number, confirming: boolean): Promise<boolean> {
  const rows = await tx
    .update(userTwoFactor)
    .set(confirming ? { lastUsedStep: step, confirmedAt: sql`now()` } : { lastUsedStep: step })
    .where(
      and(
        eq(userTwoFactor.userId, userId),
        confirming ? isNull(userTwoFactor.confirmedAt) : isNotNull(userTwoFactor.confirmedAt),
        or(isNull(userTwoFactor.lastUsedStep), lt(userTwoFactor.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

/** Removes the user's secret and recovery codes (disabling two-factor). */
export async function deleteTwoFactor(tx: Tx, userId: string): Promise<void> {
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId));
}

/** The user's recovery codes become these (by hash); earlier ones stop working. */
export async function replaceRecoveryCodes(tx: Tx, userId: string, codeHashes: string[]): Promise<void> {
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx.insert(userRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Marks the recovery code with this hash used: true once, false for an unknown or used code. */
export async function spendRecoveryCode(tx: Tx, userId: string, codeHash: string): Promise<boolean> {
  const rows = await tx
    .update(userRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userRecoveryCodes.userId, userId), eq(userRecoveryCodes.codeHash, codeHash), isNull(userRecoveryCodes.usedAt)))
    .returning({ userId: userRecoveryCodes.userId });
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ value: count() })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return row?.value ?? 0;
}

/** The session passed its second factor now (only an unexpired session of this user). */
export async function markSecondFactorPassed(tx: Tx, sessionToken: string, userId: string): Promise<boolean> {
  const rows = await tx
    .update(sessions)
    .set({ secondFactorAt: sql`now()` })
    .where(and(eq(sessions.sessionToken, sessionToken), eq(sessions.userId, userId), sql`${sessions.expires} > now()`))
    .returning({ userId: sessions.userId });
  return rows.length === 1;
}

/** The unexpired session with this token whose user has confirmed two-factor and has not passed it yet. */
export async function findSessionAwaitingSecondFactor(tx: Tx, sessionToken: string): Promise<{ userId: string } | null> {
  const [row] = await tx
    .select({ userId: sessions.userId })
    .from(sessions)
    .innerJoin(userTwoFactor, eq(userTwoFactor.userId, sessions.userId))
    .where(
      and(
        eq(sessions.sessionToken, sessionToken),
        isNull(sessions.secondFactorAt),
        isNotNull(userTwoFactor.confirmedAt),
        sql`${sessions.expires} > now()`,
      ),
    );
  return row ?? null;
}

/** Every stored TOTP secret, locked, for re-encryption under a new key (rotate-secrets-key). */
export function lockTwoFactorSecrets(tx: Tx) {
  return tx
    .select({ userId: userTwoFactor.userId, keyId: userTwoFactor.keyId, iv: userTwoFactor.iv, authTag: userTwoFactor.authTag, ciphertext: userTwoFactor.ciphertext })
    .from(userTwoFactor)
    .orderBy(userTwoFactor.userId)
    .for("update");
}

export async function storeReencryptedTwoFactorSecret(tx: Tx, userId: string, value: EncryptedValue): Promise<void> {
  await tx.update(userTwoFactor).set(value).where(eq(userTwoFactor.userId, userId));
}
