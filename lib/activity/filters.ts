// The activity log's state in the URL: filters, page size and keyset cursor. One zod parser reads it
// on the server (page, CSV export) and in the browser (filter controls), so both agree on what a
// bookmarked URL means. Malformed values are dropped (no filter), never an error.
import { z } from "zod";
import { PAGE_SIZES, many, single, textFilter, type SearchParams } from "@/components/data-table/table-state";
import type { ActivityFilters } from "@/db/queries/activity/sql";
import { isStorableDay } from "@/lib/storable-dates";

export const ACTIVITY_PAGE_SIZE = 50;

export { SEARCH_HINT } from "./search-hint";
export const MAX_ACTION_FILTERS = 20;

// Action and target-type names are dotted lower-case words (member.added, flow): nothing else
// reaches the query, and the URL cannot smuggle in anything longer.
const NAME = /^[a-z][a-z0-9_.-]{0,63}$/;

const optionalName = z.string().regex(NAME).optional().catch(undefined);
// A real calendar day in 1900..9999: anything else (year 0000, month 13) is no filter, not a
// statement PostgreSQL refuses.
const utcDay = z.iso.date().refine(isStorableDay).optional().catch(undefined);

const activitySearchSchema = z.object({
  actor: z.uuid().optional().catch(undefined),
  action: z.array(z.string()).transform((values) => [...new Set(values.filter((v) => NAME.test(v)))].slice(0, MAX_ACTION_FILTERS)),
  targetType: optionalName,
  targetId: textFilter(200),
  from: utcDay,
  to: utcDay,
  q: textFilter(200),
  size: z.coerce
    .number()
    .refine((value) => (PAGE_SIZES as readonly number[]).includes(value))
    .catch(ACTIVITY_PAGE_SIZE),
  cursor: z.string().max(300).optional().catch(undefined),
  // /admin/activity only: which tenant, and which log.
  tenant: z.uuid().optional().catch(undefined),
  log: z.enum(["all", "tenant", "platform"]).catch("all"),
});

export type ActivitySearch = z.output<typeof activitySearchSchema>;

/** Reads the activity URL state from a page's searchParams or a URLSearchParams. */
export function parseActivitySearch(params: SearchParams | URLSearchParams): ActivitySearch {
  const get = (key: string) => (params instanceof URLSearchParams ? params.getAll(key) : many(params[key]));
  return activitySearchSchema.parse({
    actor: single(get("actor")),
    action: get("action"),
    targetType: single(get("targetType")),
    targetId: single(get("targetId")),
    from: single(get("from")),
    to: single(get("to")),
    q: single(get("q")),
    size: single(get("size")),
    cursor: single(get("cursor")),
    tenant: single(get("tenant")),
    log: single(get("log")),
  });
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

