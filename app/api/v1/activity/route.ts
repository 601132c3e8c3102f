// GET /api/v1/activity: one page of the tenant's activity log, newest first, with every filter of the
// activity page (?actor=&action=&targetType=&targetId=&from=&to=&q=&size=) and its keyset cursor
// (?cursor=<older or newer from the previous page>).
import { listActivityPage } from "@/db/queries/activity/tenant-log";
import { apiRead } from "@/lib/api/api-read";
import { decodeCursor, encodeCursor } from "@/lib/activity/cursor";
import { parseActivitySearch, toActivityFilters } from "@/lib/activity/filters";

export async function GET(request: Request): Promise<Response> {
  const search = parseActivitySearch(new URL(request.url).searchParams);
  return apiRead(request, "activity.read", async (tx) => {
    const page = await listActivityPage(tx, toActivityFilters(search), { key: decodeCursor(search.cursor), limit: search.size });
    return {
      entries: page.rows,
      older: page.older ? encodeCursor(page.older) : null,
      newer: page.newer ? encodeCursor(page.newer) : null,
    };
  });
}
