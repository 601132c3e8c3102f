// Independent reads of one transaction in one round trip. The pool runs node-postgres in pipeline
// mode (db/client.ts): a statement is written as soon as it is asked for, without waiting for the
// answer to the one before, and PostgreSQL answers them in order. readTogether starts every read at
// once with the connection's socket corked until they have all been asked for (corkUntilQueued), so
// their statements leave in one write and come back in one round trip (issue 11: each statement of a
// page cost the app a loopback write of its own and a wait). PGlite runs them one after another.
import { corkUntilQueued } from "./pooled-client";
import type { Tx } from "./scopes";

type Reads<T extends Tx> = Record<string, (tx: T) => PromiseLike<unknown>>;
type Results<R extends Reads<never>> = { [K in keyof R]: Awaited<ReturnType<R[K]>> };

/**
 * Runs `reads` against `tx` side by side and gives back their results by name. The reads must not
 * depend on each other: they are all asked for before any answers. A read that sends a second
 * statement after its first answer sends it on its own, as usual. If a read fails, the transaction
 * is aborted (PostgreSQL refuses the statements after it) and the first failure is thrown.
 *
 * Statements run in the order they reach the driver, which between the reads is not promised: a
 * read that must see what another one writes (a sync, say) belongs in a later readTogether. A read
 * that changes the transaction's planner settings for one of its statements (withPlannerSettings)
 * may run only beside reads of a single statement: theirs are all asked for before its settings
 * change, never between the change and its putting back.
 */
export async function readTogether<T extends Tx, R extends Reads<T>>(tx: T, reads: R): Promise<Results<R>> {
  const values = await corkUntilQueued(tx, () => Promise.all(Object.values(reads).map((read) => read(tx))));
  return Object.fromEntries(Object.keys(reads).map((name, i) => [name, values[i]])) as Results<R>;
}

/** A list's page and its total (a `count()` read of the same filter) in one round trip. */
export async function readPageAndTotal<T extends Tx, Row>(
  tx: T,
  page: () => PromiseLike<Row[]>,
  total: () => PromiseLike<{ value: number }[]>,
): Promise<{ rows: Row[]; total: number }> {
  const { rows, counted } = await readTogether(tx, { rows: page, counted: total });
  return { rows, total: counted[0]?.value ?? 0 };
}
