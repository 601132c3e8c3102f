// How every wrapper (and every route handler that writes) turns what an action says it did into a
// log entry: into the tenant's log, marked when a visiting superadmin did it, or into the platform log.
import "server-only";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import type { TenantTx } from "@/db/scopes";
import type { SessionUser } from "../caller";
import type { ActivityRecord } from "./core";
import type { TenantAccess } from "./tenant-access";

/** An entry for the platform log: about a tenant (by id and name, which outlive it) or about no tenant. */
export type PlatformActivityRecord = ActivityRecord & { subjectTenantId?: string; tenantName?: string };

/** A change made by a superadmin visiting the tenant says so in its entry. */
function markedAsSuperadmin(activity: ActivityRecord): ActivityRecord {
  return { ...activity, summary: `${activity.summary} (as superadmin)`, details: { ...activity.details, viaSuperadmin: true } };
}

/** Writes the caller's entry into the tenant's log, marked when they act there as a visiting superadmin. */
export async function recordCallerActivity(
  tx: TenantTx,
  caller: { user: SessionUser; access: TenantAccess; ip: string | null },
  activity: ActivityRecord,
): Promise<void> {
  await recordActivity(tx, {
    actorUserId: caller.user.id,
    actorEmail: caller.user.email,
    ip: caller.ip,
    ...(caller.access.viaSuperadmin ? markedAsSuperadmin(activity) : activity),
  });
}

export function toPlatformEntry(activity: PlatformActivityRecord, actor: SessionUser, ip: string | null) {
  return {
    actorUserId: actor.id,
    actorEmail: actor.email,
    action: activity.action,
    subjectTenantId: activity.subjectTenantId ?? null,
    tenantName: activity.tenantName ?? null,
    summary: activity.summary,
    details: { ...activity.details, ...(activity.targetType ? { targetType: activity.targetType, targetId: activity.targetId } : {}) },
    ip,
  };
}
