import { and, eq, gt, ne, sql } from "drizzle-orm";
import { sessions, users } from "../schema";
import type { Tx } from "../scopes";

export async function insertSession(tx: Tx, session: typeof sessions.$inferInsert) {
  const [row] = await tx.insert(sessions).values(session).returning();
  return row!;
}

/** Deletes a session and says whose it was (null when it did not exist). */
export async function deleteSession(tx: Tx, sessionToken: string) {
  const [row] = await tx.delete(sessions).where(eq(sessions.sessionToken, sessionToken)).returning();
  return row ?? null;
}

/** Ends every session of the user except `keep` (the browser making the request); says how many ended. */
export async function deleteOtherSessionsOf(tx: Tx, userId: string, keep: string | null): Promise<number> {
  const condition = keep ? and(eq(sessions.userId, userId), ne(sessions.sessionToken, keep)) : eq(sessions.userId, userId);
  const deleted = await tx.delete(sessions).where(condition).returning({ token: sessions.sessionToken });
  return deleted.length;
}

/** Whether this session token belongs to an unexpired session of a user who is a superadmin now. */
export async function isSuperadminSession(tx: Tx, sessionToken: string): Promise<boolean> {
  const [row] = await tx
    .select({ isSuperadmin: users.isSuperadmin })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, sessionToken), gt(sessions.expires, sql`now()`)));
  return row?.isSuperadmin ?? false;
}
