// A pooled connection's BEGIN, held back and sent with the transaction's first statement, and settings
// to put back, held for the transaction's next statement (db/client.ts installs it on every connection
// of the pool). A module of its own, without the driver, so tests drive it with a stand-in connection
// (tests/data/begin-with-next-statement.test.ts).

/** A parameterless BEGIN's answer, given before it is sent (holdBeginForNextStatement). */
const BEGUN = { command: "BEGIN", rowCount: null, oid: 0, rows: [], fields: [] };

/** Whether node-postgres sends this query as one simple-protocol message: text only, no parameters, name, row mode or stream. */
function simpleQueryText(config: unknown, values: unknown): string | null {
  if (Array.isArray(values) && values.length > 0) return null;
  if (typeof config === "string") return config;
  if (!config || typeof config !== "object") return null;
  const query = config as { text?: unknown; values?: unknown[]; name?: unknown; rowMode?: unknown; submit?: unknown };
  const plain = typeof query.text === "string" && !query.values?.length && !query.name && !query.rowMode && !query.submit;
  return plain ? (query.text as string) : null;
}

type AnyQuery = (...args: unknown[]) => unknown;

/** A statement that ends the transaction (or starts one): settings local to a transaction end with it. */
const TRANSACTION_BOUNDARY = /^\s*(begin|commit|rollback)\s*$/i;

/** What holdBeginForNextStatement adds to a connection. */
export interface HeldStatements {
  /**
   * Sends `text` (parameterless statements) before the connection's next statement, in the same
   * message when that one has no parameters; drops it when the next statement ends the transaction.
   * For settings put back within a transaction (withPlannerSettings): a page's transaction that
   * ends after the work needs no round trip to put them back.
   */
  sendBeforeNextStatement(text: string): void;
}

/**
 * Makes a pooled connection hold a transaction's BEGIN back and send it in one message with the
 * transaction's first statement when that has no parameters, as the scope helpers' settings have
 * (db/scopes.ts renders them as literals): one socket write and one round trip fewer per
 * transaction. A page view opens three (the session, the caller, the page's data), and on the
 * bench machine each statement cost the app ~0.1 ms of CPU in its socket write alone (issue 11).
 * Anything else after BEGIN (parameters, a callback, a stream) gets the BEGIN sent first, as before;
 * node-postgres sends a connection's queries in order. The same for statements held with
 * sendBeforeNextStatement (HeldStatements), which a COMMIT or ROLLBACK drops instead.
 */
export function holdBeginForNextStatement(client: { query: AnyQuery }): void {
  const send = client.query.bind(client);
  let beginHeld = false;
  let heldBeforeNext: string | null = null;
  /** `held` and a parameterless statement in one message, answered with the statement's own result. */
  const sendAfter = (held: string, config: unknown, text: string) => {
    const together = `${held}; ${text}`;
    // Several statements answer with a result each: the caller asked for the last.
    return (send(typeof config === "string" ? together : { ...(config as object), text: together }) as Promise<unknown>).then((results) =>
      Array.isArray(results) ? results[results.length - 1] : results,
    );
  };
  const query: AnyQuery = (...args) => {
    const [config, values, callback] = args;
    const promised = typeof values !== "function" && callback === undefined;
    const text = promised ? simpleQueryText(config, values) : null;
    if (heldBeforeNext !== null) {
      const held = heldBeforeNext;
      heldBeforeNext = null;
      const boundary = TRANSACTION_BOUNDARY.test(text ?? (typeof config === "string" ? config : ""));
      if (!boundary) {
        if (text !== null) return sendAfter(held, config, text);
        // Ahead of it, without waiting (node-postgres sends in order). Should it fail, the transaction
        // is aborted and the statement after it refused, which is what its caller then sees.
        (send(held) as Promise<unknown>).catch((error: unknown) => console.error("[db] a held statement failed:", error));
        return send(...args);
      }
    }
    if (text !== null && !beginHeld && /^\s*begin\s*$/i.test(text)) {
      beginHeld = true;
      return Promise.resolve(BEGUN);
    }
    if (!beginHeld) return send(...args);
    beginHeld = false;
    if (text !== null) return sendAfter("begin", config, text);
    const begun = send("begin") as Promise<unknown>;
    if (promised) return begun.then(() => send(...args));
    // A callback cannot wait for BEGIN's promise; node-postgres sends the query after it anyway, and
    // BEGIN fails only with the connection, which fails the query too.
    begun.catch(() => {});
    return send(...args);
  };
  Object.assign(client, {
    query,
    sendBeforeNextStatement(text: string) {
      heldBeforeNext = heldBeforeNext === null ? text : `${heldBeforeNext}; ${text}`;
    },
  } satisfies HeldStatements & { query: AnyQuery });
}
