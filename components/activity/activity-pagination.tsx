import { KeysetPagination } from "@/components/data-table/keyset-pagination";
import { encodeCursor, type ActivityCursor } from "@/lib/activity/cursor";

/**
 * "Newer" / "Older" under an activity table (a tenant's log, the platform's): the page's edges encoded
 * here, on the server, so the browser gets opaque cursors and the cursor code (zod) stays server-side.
 */
export function ActivityPagination({
  page,
  pageSize,
}: {
  page: { rows: readonly unknown[]; newer: ActivityCursor | null; older: ActivityCursor | null };
  pageSize: number;
}) {
  return (
    <KeysetPagination
      newerCursor={page.newer && encodeCursor(page.newer)}
      olderCursor={page.older && encodeCursor(page.older)}
      pageSize={pageSize}
      shown={page.rows.length}
    />
  );
}
