// The rolling 30-day flow-run quota a superadmin sets per tenant (issue 13, item 4): the runs of the
// last 30 UTC days (today and the 29 before it) may not exceed it. Counted in the run's own
// transaction: today's usage row is locked first, so two runs of one tenant check one after the
// other, and a run that fails or is refused is not counted.
import "server-only";
import type { TenantTx } from "@/db/scopes";
import { flowRunQuotaOf, lockFlowRunDays, meterFlowRun } from "@/db/queries/usage";
import { ActionError } from "../actions/core";
import { addDays, utcDay } from "./usage-days";

const WINDOW_DAYS = 30;

/** The day (YYYY-MM-DD) a run is possible again: when enough of the oldest runs have left the window. */
export function quotaFreesOn(days: { day: string; flowRuns: number }[], quota: number): string {
  let used = days.reduce((sum, day) => sum + day.flowRuns, 0);
  for (const { day, flowRuns } of days) {
    used -= flowRuns;
    if (used < quota) return addDays(day, WINDOW_DAYS);
  }
  // Unreachable for a used-up quota above 0; a quota of 0 never frees: the last day is the best answer.
  return addDays(days.at(-1)?.day ?? utcDay(new Date()), WINDOW_DAYS);
}

export function quotaMessage(used: number, quota: number, freesOn: string | null): string {
  if (quota === 0) return "Flow runs are switched off for this tenant (its 30-day quota is 0). Ask a superadmin to raise it.";
  return (
    `This tenant has used its flow runs for the last 30 days (${used} of ${quota}). ` +
    `The next run is possible on ${freesOn} (UTC), or ask a superadmin to raise the quota.`
  );
}

/** Counts one flow run against the tenant's quota, or refuses it (RATE_LIMITED) when none is left. */
export async function countFlowRun(tx: TenantTx): Promise<void> {
  const days = await lockFlowRunDays(tx);
  const quota = await flowRunQuotaOf(tx);
  const used = days.reduce((sum, day) => sum + day.flowRuns, 0);
  if (quota !== null && used >= quota) {
    throw new ActionError("RATE_LIMITED", quotaMessage(used, quota, quota === 0 ? null : quotaFreesOn(days, quota)));
  }
  await meterFlowRun(tx);
}
