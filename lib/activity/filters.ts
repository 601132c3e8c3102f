// The activity log's state in the URL is defined in lib/url-state/activity.ts, which the server (page,
// CSV export) and the browser (filter controls) share, so both agree on what a bookmarked URL means.
// Here: what that state means to the query and to the export's activity entry.
import type { ActivityFilters } from "@/db/queries/activity/sql";
import { activityUrlState, type ActivitySearch } from "@/lib/url-state/activity";
import type { SearchParams } from "@/lib/url-state/search-params";

export type { ActivitySearch };
export { SEARCH_HINT } from "./search-hint";

/** Reads the activity URL state from a page's searchParams or a URLSearchParams. */
export function parseActivitySearch(params: SearchParams | URLSearchParams): ActivitySearch {
  return activityUrlState.parse(params);
}

/** The query's filters. A target id means nothing without its type (and could not use the index). */
export function toActivityFilters(search: ActivitySearch): ActivityFilters {
  return {
    actorUserId: search.actor,
    actions: search.action,
    targetType: search.targetType,
    targetId: search.targetType ? search.targetId : undefined,
    fromDay: search.from,
    toDay: search.to,
    search: search.q,
  };
}

/** The filters as they appear in the URL and in the export's activity entry (no paging). */
export function describeFilters(search: ActivitySearch): Record<string, string | string[]> {
  const filters = toActivityFilters(search);
  const described: Record<string, string | string[]> = {};
  if (filters.actorUserId) described.actor = filters.actorUserId;
  if (filters.actions.length) described.action = filters.actions;
  if (filters.targetType) described.targetType = filters.targetType;
  if (filters.targetId) described.targetId = filters.targetId;
  if (filters.fromDay) described.from = filters.fromDay;
  if (filters.toDay) described.to = filters.toDay;
  if (filters.search) described.q = filters.search;
  return described;
}

