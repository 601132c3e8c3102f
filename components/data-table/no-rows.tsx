import { EmptyState } from "@/components/ui/empty-state";

/**
 * A table's empty state: nothing at all yet, or nothing that matches the search or filters in the URL
 * (with what to try then). Every table says these two apart the same way.
 */
export function NoRows({
  filtered,
  none,
  noMatch,
  hint,
  noneHint,
}: {
  /** Whether a search or filter is in effect. */
  filtered: boolean;
  /** The title when there is nothing at all ("No flows yet"). */
  none: string;
  /** The title when nothing matches ("No flows match this search"). */
  noMatch: string;
  /** What to try when nothing matches. */
  hint?: string;
  /** What to expect when there is nothing yet. */
  noneHint?: string;
}) {
  return <EmptyState title={filtered ? noMatch : none}>{(filtered ? hint : noneHint) ?? null}</EmptyState>;
}
