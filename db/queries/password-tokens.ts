import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { passwordTokens, users } from "../schema";
import type { Tx } from "../scopes";

export async function insertPasswordToken(tx: Tx, token: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await tx.insert(passwordTokens).values(token);
}

/** The account a token is for while it is unused and unexpired (the set-password page), else null. */
export async function findUsablePasswordToken(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({ userId: passwordTokens.userId, email: users.email })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, sql`now()`)));
  return row ?? null;
}

/**
 * Spends a token: one conditional UPDATE, so of two concurrent uses exactly one gets the account and
 * the other null (as for an unknown, expired or used token).
 */
export async function spendPasswordToken(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .update(passwordTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, sql`now()`)))
    .returning({ userId: passwordTokens.userId });
  return row ?? null;
}

/** Spends every other open token of the account (a new password makes older links pointless). */
export async function spendOpenPasswordTokensOf(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(passwordTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
}
