// The node-postgres client under a drizzle transaction: drizzle's session holds it, and nothing in
// drizzle's types says so, hence the one cast kept here (readTogether corks its socket; tests read
// whether it was waiting for an answer). Undefined on PGlite.
import type { Tx } from "./scopes";

export interface PooledClient {
  /** False while a statement's answer is still on its way. */
  readyForQuery?: boolean;
  connection?: { stream?: unknown };
}

export function pooledClientOf(tx: Tx): PooledClient | undefined {
  return (tx as unknown as { _?: { session?: { client?: PooledClient } } })._?.session?.client;
}
