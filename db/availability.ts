// Telling "the database is unreachable right now" apart from a bug, whichever layer raised it: the
// driver (a refused or reset socket, "Connection terminated"), PostgreSQL (a backend terminated by
// pg_terminate_backend or a restart, a statement or idle-in-transaction timeout) or PgBouncer (no
// server connection within query_wait_timeout; it answers SQLSTATE 08P01). Such a failure rolled the
// transaction back, so the action can say "nothing was changed, try again" and a page can answer 503.
//
// server.ts runs each request inside `runNotingDatabaseOutage`; the scope helpers note an outage there,
// and the request listener turns that request's 500 into a 503. The store lives on globalThis under a
// registered symbol because server.ts and the Next.js server bundle each load their own copy of this
// module (as lib/request-address.ts explains).
import { AsyncLocalStorage } from "node:async_hooks";

const RETRYABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the server is starting or stopping
  "57014", // query_canceled: statement_timeout
  "25P03", // idle_in_transaction_session_timeout
  "53300", // too_many_connections
]);
const RETRYABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);
const RETRYABLE_MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /terminating connection/i,
  /server closed the connection unexpectedly/i,
];

/** Whether `error` (or any error in its `cause` chain) says the database could not be reached or dropped us. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 10; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (code.startsWith("08") || RETRYABLE_SQLSTATES.has(code) || RETRYABLE_SOCKET_CODES.has(code))) return true;
    if (typeof message === "string" && RETRYABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

type Outage = { databaseUnavailable: boolean };
const STORE_KEY = Symbol.for("tenantry.database-outage");
const globalStore = globalThis as unknown as { [STORE_KEY]?: AsyncLocalStorage<Outage> };
const store = (globalStore[STORE_KEY] ??= new AsyncLocalStorage<Outage>());

/** Runs `work` (one request's handling); `outage.databaseUnavailable` says afterwards whether it met one. */
export function runNotingDatabaseOutage<T>(outage: Outage, work: () => T): T {
  return store.run(outage, work);
}

/** Notes an unavailable database on the current request (if any), and hands the error back to rethrow. */
export function noteDatabaseFailure(error: unknown): unknown {
  if (isDatabaseUnavailable(error)) {
    const outage = store.getStore();
    if (outage) outage.databaseUnavailable = true;
  }
  return error;
}

/** Whether the current request has met an unavailable database (false outside a request of server.ts). */
export function databaseOutageNoted(): boolean {
  return store.getStore()?.databaseUnavailable ?? false;
}

/**
 * Thrown where a layer swallowed the database's failure and answered "nothing" instead (Auth.js logs
 * an adapter error and reports no session): the request fails as unavailable (503, or RETRYABLE for
 * an action) rather than treating a signed-in user as signed out. SQLSTATE 08006: connection failure.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = "08006";
  constructor() {
    super("The database could not be reached (noted earlier in this request)");
  }
}
