// How every wrapper (and every route handler that writes) turns what an action says it did into a
// log entry: into the tenant's log, marked when a visiting superadmin did it, or into the platform log.
import "server-only";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import type { TenantTx } from "@/db/scopes";
import type { Actor, SessionUser } from "../caller";
import type { ActivityRecord } from "./core";
import type { TenantAccess } from "./tenant-access";

/** An entry for the platform log: about a tenant (by id and name, which outlive it) or about no tenant. */
export type PlatformActivityRecord = ActivityRecord & { subjectTenantId?: string; tenantName?: string };

/** A change made by a superadmin visiting the tenant says so in its entry. */
function markedAsSuperadmin(activity: ActivityRecord): ActivityRecord {
  return { ...activity, summary: `${activity.summary} (as superadmin)`, details: { ...activity.details, viaSuperadmin: true } };
}

/** How an IP refusal's entry names a key or a signed token that did not act: "API key <name>", "Signed token <integration> (<email>)". */
export function apiCallerLabel(apiKey: { name: string; integration?: boolean }): string {
  return `${apiKey.integration ? "Signed token" : "API key"} ${apiKey.name}`;
}

/**
 * A change made with an API key names the key as its actor (no user), and says so in its entry; one
 * made with an integration's signed token names "<integration> (<email>)" and the integration.
 */
function markedAsApiKey(activity: ActivityRecord, apiKey: { id: string; name: string; integration?: boolean }): ActivityRecord {
  if (apiKey.integration) {
    return { ...activity, summary: `${activity.summary} (signed token)`, details: { ...activity.details, integrationId: apiKey.id } };
  }
  return { ...activity, summary: `${activity.summary} (API key)`, details: { ...activity.details, apiKeyId: apiKey.id } };
}

/**
 * Writes the caller's entry into the tenant's log: marked when they act there as a visiting
 * superadmin; for an API key, with the key's name as the actor and no user.
 */
export async function recordCallerActivity(
  tx: TenantTx,
  caller: { user: SessionUser; apiKey?: Actor["apiKey"]; access: TenantAccess; ip: string | null },
  activity: ActivityRecord,
): Promise<void> {
  if (caller.apiKey) {
    await recordActivity(tx, { actorUserId: null, actorEmail: caller.apiKey.name, ip: caller.ip, ...markedAsApiKey(activity, caller.apiKey) });
    return;
  }
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
