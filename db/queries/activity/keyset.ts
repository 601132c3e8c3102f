// Keyset paging over (created_at, id), newest first, shared by the tenant log and the superadmin's
// view. A page is fetched from a key in either direction; its neighbours' keys are found by probing
// one row past each edge, so the cost of a page does not depend on how deep it is.

/** A position in (created_at, id) order and the direction to read from it. */
export interface ActivityKey {
  direction: "older" | "newer";
  /** created_at in UTC, ISO 8601 with microseconds (it must compare equal to the stored value). */
  createdAt: string;
  id: string;
}

export interface KeysetPage<Row> {
  rows: Row[];
  /** Keys to continue from, when there is something there. */
  older: ActivityKey | null;
  newer: ActivityKey | null;
}

type Keyed = { createdAt: string; id: string };

const keyOf = (row: Keyed, direction: ActivityKey["direction"]): ActivityKey => ({ direction, createdAt: row.createdAt, id: row.id });

/**
 * One page, newest first. `fetch(key, limit)` returns up to `limit` rows strictly past `key`: newest
 * first when reading older (or with no key), oldest first when reading newer.
 */
export async function keysetPage<Row extends Keyed>(
  fetch: (key: ActivityKey | undefined, limit: number) => Promise<Row[]>,
  key: ActivityKey | undefined,
  limit: number,
): Promise<KeysetPage<Row>> {
  const fetched = await fetch(key, limit + 1);
  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit);

  if (key?.direction === "newer") {
    // Fewer than a page of newer rows: that is the first page, shown whole.
    if (!more) return keysetPage(fetch, undefined, limit);
    rows.reverse();
    return { rows, newer: keyOf(rows[0]!, "newer"), older: keyOf(rows.at(-1)!, "older") };
  }
  const first = rows[0];
  // Arrived from a cursor: whether anything is newer is one index probe (the cursor may be stale or forged).
  const anyNewer = key && first ? (await fetch(keyOf(first, "newer"), 1)).length > 0 : false;
  return {
    rows,
    newer: anyNewer ? keyOf(first!, "newer") : null,
    older: more ? keyOf(rows.at(-1)!, "older") : null,
  };
}

/** Orders rows of several logs the way PostgreSQL orders (created_at, id): fixed-width UTC strings and lower-case uuids. */
export function compareNewestFirst(a: Keyed, b: Keyed): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}
