// How an action finds the row its input names: a malformed id is not looked up, and it, an id of
// another tenant and one that never existed all get the same NOT_FOUND (an action says nothing of
// rows the caller cannot reach).
import "server-only";
import { isUuid } from "../ids";
import { ActionError, NOT_FOUND_MESSAGE } from "./core";

/** The row `find` returns (and locks, when it does) for `id`, or NOT_FOUND. */
export async function requireRow<Row>(id: string, find: (id: string) => Promise<Row | null | undefined>): Promise<Row> {
  const row = isUuid(id) ? await find(id) : null;
  if (!row) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return row;
}
