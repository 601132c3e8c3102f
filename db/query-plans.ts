// Tests only (owner-level, listed in tests/architecture/database-access.test.ts): records the
// statements the application's connection sends, and shows how PostgreSQL would run one as the
// tables' owner, outside row-level security. tests/isolation/citus-joins.test.ts reads the joins of
// those plans (issue 12, "Running at scale").
import { sql, type Logger } from "drizzle-orm";
import { getConnection, rowsOf } from "./client";

export interface RecordedStatement {
  query: string;
  params: unknown[];
}

interface LoggedSession {
  logger: Logger;
  options: { logger?: Logger };
}

/**
 * Calls `record` with every statement drizzle sends on the connection until the returned function is
 * called. Transactions open sessions of their own with the root session's options, so both are set.
 */
export async function recordStatements(record: (statement: RecordedStatement) => void): Promise<() => void> {
  const session = ((await getConnection()).db as unknown as { session: LoggedSession }).session;
  const [previous, previousOption] = [session.logger, session.options.logger];
  const logger: Logger = { logQuery: (query, params) => record({ query, params }) };
  session.logger = logger;
  session.options.logger = logger;
  return () => {
    session.logger = previous;
    session.options.logger = previousOption;
  };
}

/** The statement with its $n placeholders bound again to the values it ran with (drizzle numbers them in order). */
function rebind({ query, params }: RecordedStatement) {
  const parts = query.split(/\$(\d+)\b/);
  return sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`)));
}

/** `EXPLAIN (VERBOSE, FORMAT JSON)` of the statement with its values, as the owner: its top plan node. */
export async function explainAsOwner(statement: RecordedStatement): Promise<unknown> {
  return (await getConnection()).asOwner(async (db) => {
    const [row] = rowsOf<{ "QUERY PLAN": unknown }>(await db.execute(sql`explain (verbose, format json) ${rebind(statement)}`));
    const json = row!["QUERY PLAN"];
    const parsed = (typeof json === "string" ? JSON.parse(json) : json) as { Plan: unknown }[];
    return parsed[0]!.Plan;
  });
}
