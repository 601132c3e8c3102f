import { eq } from "drizzle-orm";
import { sessions } from "../schema";
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
