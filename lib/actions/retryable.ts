// An action whose database connection died (a restart, a terminated backend, PgBouncer finding no
// server in time, a timeout) rolled its transaction back: the user is told so and asked to try again,
// with a code a client may retry on. Logged as one line: it is an outage, not a bug with a stack.
import "server-only";
import { failure } from "../action-result";

export const RETRYABLE_MESSAGE = "The database could not be reached, so nothing was changed. Please try again.";

export function retryableFailure(actionName: string, error: unknown) {
  // Stryker disable next-line LogicalOperator,OptionalChaining: equivalent, the wording of a log line only (isDatabaseUnavailable passes only objects)
  console.warn(`[action ${actionName}] database unavailable, rolled back: ${(error as Error)?.message ?? String(error)}`);
  return failure("RETRYABLE", RETRYABLE_MESSAGE);
}
