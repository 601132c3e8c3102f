// An incoming webhook's own rate limit: each connection takes at most WEBHOOK_REQUESTS_PER_MINUTE
// POSTs (GCRA: a burst of that many, then one every 60/N seconds), decided on the same
// database-backed limiter rows as the API's limits (db/queries/api-rate-limits.ts: locked for the
// decision, the database's clock, shared by every app server). Counted only once the token matched,
// so a stranger guessing tokens cannot use up the real sender's allowance; a refused POST moves nothing.
import "server-only";
import type { TenantTx } from "@/db/scopes";
import { lockRateLimits, storeRateLimit } from "@/db/queries/api-rate-limits";
import { gcra } from "../api/gcra";

export const WEBHOOK_REQUESTS_PER_MINUTE = 60;
const PERIOD_MS = 60_000;

export type WebhookAdmission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

export async function admitWebhookPost(tx: TenantTx, connectionId: string): Promise<WebhookAdmission> {
  // The limit is part of the key, as for the API's limits: a changed limit starts from a fresh state.
  const key = `webhook:${tx.tenantId}:${connectionId}/${WEBHOOK_REQUESTS_PER_MINUTE}`;
  const { now, tats } = await lockRateLimits(tx, [key]);
  const decision = gcra({ limit: WEBHOOK_REQUESTS_PER_MINUTE, periodMs: PERIOD_MS }, tats.get(key) ?? null, now);
  if (!decision.allowed) return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)) };
  await storeRateLimit(tx, key, decision.tat);
  return { admitted: true };
}
