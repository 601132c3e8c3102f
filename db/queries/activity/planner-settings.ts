// Planner settings for the few statements whose best plan PostgreSQL cannot see under row-level
// security: the policy's subqueries and the non-leakproof word test spoil its row estimates, while the
// application knows the counts (search.ts plans from them). Each set of settings is applied
// to the statements that need it and then put back, within the transaction.
import { sql } from "drizzle-orm";
import { besideSent } from "../../beside-sent";
import { rowsOf, sqlLiteral } from "../../client";
import { corkUntilQueued, pooledClientOf } from "../../pooled-client";
import type { Tx } from "../../scopes";

export type PlannerSettings = Readonly<Record<string, "on" | "off">>;

/**
 * A walk with a word test on each entry (a search whose words are all common). The word test is not
 * leakproof, so under row-level security it is checked after the policy, on rows an index already
 * narrowed and ordered; the planner, which guesses that few rows match a pattern, would rather read
 * every entry of the tenant and sort them. Walking the time index newest first and stopping at the
 * limit is what we want. Only for statements where every sort they cannot avoid is small: with
 * sorting "disabled", the planner picks the plan with the fewest sorts, however large.
 */
export const WALK_IN_TIME_ORDER: PlannerSettings = { enable_sort: "off" };

/**
 * Word-index ranges intersected by merging (two or more common words, each a single term): both
 * ranges come out of the index in (created_at, activity_id) order, so a merge join reads them side by
 * side and stops at the page's limit, where probing the second word once per entry of the first (a
 * nested loop) costs about ten times more. The estimates make the planner choose the nested loop. The
 * lookups of entries in activity (LATERAL ... LIMIT 1) stay nested loops: they have no other plan.
 * (The "disabled" methods are costed very high; JIT, which such costs would set off, is off in every
 * scope: db/scopes.ts.)
 */
export const MERGE_WORD_RANGES: PlannerSettings = { enable_nestloop: "off", enable_hashjoin: "off" };

/** Runs `work` with `settings`, then puts the transaction's previous values back. */
export async function withPlannerSettings<T>(tx: Tx, settings: PlannerSettings, work: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  // One statement: each setting's value is read before it is changed (select-list order). Handed to
  // the driver before `work` asks for anything (`.then` at once, not `await`), so work's statement
  // follows it without waiting for its answer, in the same socket write, and is still planned with
  // the settings.
  const [previous, result] = await corkUntilQueued(tx, () =>
    besideSent(
      tx
        .execute(
          sql`select ${sql.join(
            names.map((name, i) => sql`current_setting(${name}) as ${sql.identifier(`was_${i}`)}, set_config(${name}, ${settings[name]}, true) as ${sql.identifier(`set_${i}`)}`),
            sql`, `,
          )}`,
        )
        .then((answer) => rowsOf<Record<string, string>>(answer)[0]),
      work,
    ),
  );
  // Back for the rest of the transaction. (After an error there is no rest: the transaction is aborted.)
  // On PostgreSQL they go back with the transaction's next statement, or not at all when COMMIT is
  // next (a page's reads end their transaction): no round trip of their own.
  const putBack = `select ${names.map((name, i) => `set_config(${sqlLiteral(name)}, ${sqlLiteral(previous![`was_${i}`]!)}, true)`).join(", ")}`;
  const client = pooledClientOf(tx);
  if (client?.sendBeforeNextStatement) client.sendBeforeNextStatement(putBack);
  else await tx.execute(sql.raw(putBack));
  return result;
}
