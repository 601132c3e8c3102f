// The node-postgres client under a drizzle transaction: drizzle's session holds it, and nothing in
// drizzle's types says so, hence the one cast kept here (tests read whether it was waiting for an
// answer). Undefined on PGlite.
import type { HeldStatements } from "./begin-with-next-statement";
import type { Tx } from "./scopes";

export interface PooledClient extends Partial<HeldStatements> {
  /** False while a statement's answer is still on its way. */
  readyForQuery?: boolean;
  connection?: { stream?: unknown };
}

export function pooledClientOf(tx: Tx): PooledClient | undefined {
  return (tx as unknown as { _?: { session?: { client?: PooledClient } } })._?.session?.client;
}

type Corkable = { cork(): void; uncork(): void };

/** The socket under a node-postgres transaction; null on PGlite. */
function socketOf(tx: Tx): Corkable | null {
  const stream = pooledClientOf(tx)?.connection?.stream as Partial<Corkable> | undefined;
  return typeof stream?.cork === "function" && typeof stream.uncork === "function" ? (stream as Corkable) : null;
}

/**
 * Calls `start`, which asks `tx` for statements side by side (the pool's pipeline mode), with the
 * connection's socket corked until they have all been asked for: they leave in one write, and
 * PostgreSQL wakes once for them. Each statement reaches the driver a few promise jobs after it is
 * asked for (drizzle's builders are thenables): the socket stays corked until the job queue has
 * drained, which process.nextTick waits for. Only batches writes: what is sent, and in what order,
 * is the same.
 */
export function corkUntilQueued<R>(tx: Tx, start: () => R): R {
  const socket = socketOf(tx);
  socket?.cork();
  try {
    return start();
  } finally {
    if (socket) process.nextTick(() => socket.uncork());
  }
}
