// The pool runs node-postgres in pipeline mode (db/client.ts): a statement is written as soon as it is
// asked for, without waiting for the answer to the one before, and PostgreSQL runs a connection's
// statements in the order they arrive. So a statement that must come first (a scope's settings, a
// planner setting) need not be answered before the work after it is asked for: one round trip fewer.

/**
 * Waits for `sent`, a statement already handed to the driver, and for `work`, started at once beside
 * it; gives back both answers. The work's statements reach the driver after `sent`'s and run after
 * it; if `sent` fails, PostgreSQL refuses them (the transaction is aborted) and `sent`'s failure,
 * answered first, is the one thrown. A `work` that throws before it asks for anything rejects too.
 */
export function besideSent<A, T>(sent: Promise<A>, work: () => Promise<T>): Promise<[A, T]> {
  return Promise.all([sent, (async () => work())()]);
}
