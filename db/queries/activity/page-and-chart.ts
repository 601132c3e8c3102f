// The activity page's two reads of the log: its page of entries and its chart of entries per day.
import { readTogether } from "../../read-together";
import type { TenantTx } from "../../scopes";
import { countActivityPerDay } from "./chart";
import type { ActivityKey } from "./keyset";
import type { SearchPlan } from "./search";
import { listActivityPage } from "./tenant-log";
import type { ActivityFilters } from "./sql";

/**
 * A search with words may give either statement planner settings (withPlannerSettings), which hold
 * for the transaction until they are put back: a statement of the other read sent meanwhile would be
 * planned with them. Without words, neither has any.
 */
const withoutPlannerSettings = (plan: SearchPlan) => plan.kind === "none" || plan.kind === "no-match";

/**
 * The page of entries and the chart for the same filters and search plan. Without a search they are
 * read side by side, in one round trip; with one, one after the other.
 */
export async function readActivityPageAndChart(
  tx: TenantTx,
  filters: ActivityFilters,
  options: { key?: ActivityKey; limit: number; plan: SearchPlan; range: { fromDay: string; toDay: string } },
) {
  const { plan, range } = options;
  const page = (inTenant: TenantTx) => listActivityPage(inTenant, filters, { key: options.key, limit: options.limit, plan });
  const days = (inTenant: TenantTx) => countActivityPerDay(inTenant, filters, range, plan);
  if (withoutPlannerSettings(plan)) return readTogether(tx, { page, days });
  return { page: await page(tx), days: await days(tx) };
}
