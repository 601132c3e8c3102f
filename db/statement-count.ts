// Counts what a piece of work asks of the database: the transactions the scope helpers open, and the
// statements sent in them other than begin and commit. On PostgreSQL each statement is one round trip
// and each transaction adds two (begin, commit). For tests and benches that hold a page to its budget
// (tests/scale/page-transactions.test.ts); the application never calls it. Work running alongside in
// the same process is counted too.
import { getConnection, observeStatements } from "./client";

export interface DatabaseWork {
  transactions: number;
  /** Statements but begin, commit and rollback (PGlite sends those outside drizzle). */
  statements: number;
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback)\b/i;

export async function countDatabaseWork(work: () => Promise<unknown>): Promise<DatabaseWork> {
  const { db } = await getConnection();
  const counts: DatabaseWork = { transactions: 0, statements: 0 };
  const transaction = db.transaction;
  const own = Object.getOwnPropertyDescriptor(db, "transaction");
  // Counted for the duration of the work, then put back as it was.
  db.transaction = ((...args: Parameters<typeof transaction>) => {
    counts.transactions += 1;
    return transaction.apply(db, args);
  }) as typeof transaction;
  const stopObserving = observeStatements((statement) => {
    if (!TRANSACTION_CONTROL.test(statement)) counts.statements += 1;
  });
  try {
    await work();
  } finally {
    stopObserving();
    if (own) Object.defineProperty(db, "transaction", own);
    else Reflect.deleteProperty(db, "transaction");
  }
  return counts;
}
