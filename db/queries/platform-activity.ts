import { platformActivity } from "../schema";
import type { Tx } from "../scopes";

export type NewPlatformActivityEntry = typeof platformActivity.$inferInsert;

/** Appends to the platform log; call it in the same transaction as the change it records. */
export async function recordPlatformActivity(tx: Tx, entry: NewPlatformActivityEntry): Promise<void> {
  await tx.insert(platformActivity).values(entry);
}
