import { activity } from "../schema";
import type { Tx } from "../scopes";

export interface NewActivityEntry {
  tenantId: string;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  summary: string;
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

/** Appends to a tenant's log; call it in the same transaction as the change it records. */
export async function recordActivity(tx: Tx, entry: NewActivityEntry): Promise<void> {
  await tx.insert(activity).values({
    tenantId: entry.tenantId,
    actorUserId: entry.actorUserId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    summary: entry.summary,
    details: entry.details ?? null,
    ip: entry.ip ?? null,
  });
}
