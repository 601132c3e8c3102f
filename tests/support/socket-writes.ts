// What a node-postgres transaction writes to its socket, one string per write (a corked socket's
// buffered statements leave in one writev). For tests holding that statements leave together.
import { pooledClientOf } from "@/db/pooled-client";
import type { Tx } from "@/db/scopes";

interface SocketInternals {
  _write: (chunk: Buffer, encoding: string, done: () => void) => void;
  _writev: (chunks: { chunk: Buffer }[], done: () => void) => void;
}

/** Records the writes of `tx`'s socket made while `work` runs (PostgreSQL only: PGlite has none). */
export async function socketWritesDuring<T>(tx: Tx, work: () => Promise<T>): Promise<string[]> {
  const recording = recordSocketWrites(tx);
  try {
    await work();
  } finally {
    recording.stop();
  }
  return recording.writes;
}

/**
 * Records the writes of `tx`'s socket from now until `stop` (which may come after the transaction has
 * ended: its COMMIT is written to the same socket). PostgreSQL only: PGlite has none.
 */
export function recordSocketWrites(tx: Tx): { writes: string[]; stop(): void } {
  const socket = pooledClientOf(tx)?.connection?.stream as SocketInternals | undefined;
  if (!socket) throw new Error("recordSocketWrites needs a transaction on a PostgreSQL connection");
  const writes: string[] = [];
  const { _write: write, _writev: writev } = socket;
  socket._write = function (chunk, encoding, done) {
    writes.push(chunk.toString("latin1"));
    return write.call(this, chunk, encoding, done);
  };
  socket._writev = function (chunks, done) {
    writes.push(Buffer.concat(chunks.map((c) => c.chunk)).toString("latin1"));
    return writev.call(this, chunks, done);
  };
  return { writes, stop: () => Object.assign(socket, { _write: write, _writev: writev }) };
}
