// The members table's totals under a status or role filter, from the tenant's tally (tenants.member_tally,
// kept by a trigger on memberships: migration members_and_platform_log_at_scale) instead of counting the members.
import type { MemberRole } from "../schema";

/** Members by '<status>:<roles, sorted, comma-separated>', e.g. { "active:editor,viewer": 5000 }. */
export type MemberTally = Record<string, number>;

/** How many members have `status` (when given) and hold `role` (when given), summed over the tally's keys. */
export function tallyTotal(tally: MemberTally, filter: { status?: string; role?: MemberRole }): number {
  let total = 0;
  for (const [key, count] of Object.entries(tally)) {
    const split = key.indexOf(":");
    const status = key.slice(0, split);
    const roles = key.slice(split + 1).split(",");
    if (filter.status && status !== filter.status) continue;
    if (filter.role && !roles.includes(filter.role)) continue;
    total += count;
  }
  return total;
}
