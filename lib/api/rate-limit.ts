// The API's rate limits (issue 13, item 4): the tenant's requests per minute, and the requests per
// minute all tenants share. Checked once the key is known to be good (a revoked key spends nobody's
// allowance), in the request's tenant transaction: the limiter rows are locked, decided with GCRA
// (lib/api/gcra.ts) on the database's clock, and only an admitted request moves the limits and is
// counted in the tenant's usage, so a refused one costs neither the tenant nor the platform anything.
import "server-only";
import type { TenantTx } from "@/db/scopes";
import { apiLimitsOf, lockRateLimits, storeRateLimit } from "@/db/queries/api-rate-limits";
import { meterApiRequest } from "@/db/queries/usage";
import { gcra, type GcraDecision } from "./gcra";
import { problem } from "./problem";

const PERIOD_MS = 60_000;
const WINDOW_SECONDS = PERIOD_MS / 1000;

interface Limit {
  /** The policy's name in the RateLimit headers. */
  policy: "tenant" | "platform";
  key: string;
  limit: number;
}

export type ApiAdmission = { admitted: true; headers: Record<string, string> } | { admitted: false; response: Response };

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/**
 * RateLimit-Policy lists every limit that applies; RateLimit tells how much is left of the tightest
 * one (draft-ietf-httpapi-ratelimit-headers: q quota, w window in seconds, r remaining, t seconds
 * until the quota is back).
 */
function rateLimitHeaders(limits: Limit[], decisions: GcraDecision[], tightest: number): Record<string, string> {
  const decision = decisions[tightest]!;
  return {
    "ratelimit-policy": limits.map((limit) => `"${limit.policy}";q=${limit.limit};w=${WINDOW_SECONDS}`).join(", "),
    ratelimit: `"${limits[tightest]!.policy}";r=${decision.remaining};t=${seconds(decision.resetMs)}`,
  };
}

/** Admits the request (moving its limits and counting it) or answers 429 with Retry-After. */
export async function admitApiRequest(tx: TenantTx): Promise<ApiAdmission> {
  const limits = await applicableLimits(tx);
  if (limits.length === 0) {
    await meterApiRequest(tx);
    return { admitted: true, headers: {} };
  }
  const { now, tats } = await lockRateLimits(tx, limits.map((limit) => limit.key));
  const decisions = limits.map((limit) => gcra({ limit: limit.limit, periodMs: PERIOD_MS }, tats.get(limit.key) ?? null, now));
  const refused = decisions.findIndex((decision) => !decision.allowed);
  if (refused >= 0) {
    const retryAfterMs = Math.max(...decisions.map((decision) => (decision.allowed ? 0 : decision.retryAfterMs)));
    const detail =
      limits[refused]!.policy === "tenant"
        ? `This tenant's API limit of ${limits[refused]!.limit} requests per minute is used up. Retry after ${seconds(retryAfterMs)} s.`
        : `The platform's API limit, shared by all tenants, is used up. Retry after ${seconds(retryAfterMs)} s.`;
    const headers = { ...rateLimitHeaders(limits, decisions, refused), "retry-after": String(Math.max(1, seconds(retryAfterMs))) };
    return { admitted: false, response: problem(429, "Too Many Requests", detail, headers) };
  }
  for (const [index, limit] of limits.entries()) {
    const decision = decisions[index]!;
    if (decision.allowed) await storeRateLimit(tx, limit.key, decision.tat);
  }
  await meterApiRequest(tx);
  const tightest = decisions.reduce((best, decision, index) => (decision.remaining < decisions[best]!.remaining ? index : best), 0);
  return { admitted: true, headers: rateLimitHeaders(limits, decisions, tightest) };
}

/** The limits set for this tenant's requests, in the limiter rows' lock order (by key). */
async function applicableLimits(tx: TenantTx): Promise<Limit[]> {
  const { tenant, platform } = await apiLimitsOf(tx);
  const limits: Limit[] = [];
  // The limit is part of the key: a TAT measures debt in the old limit's units, so a changed limit
  // starts from a fresh state rather than from a debt it would misread (a raised limit would keep a
  // tenant refused for up to a minute).
  if (platform !== null) limits.push({ policy: "platform", key: `platform/${platform}`, limit: platform });
  if (tenant !== null) limits.push({ policy: "tenant", key: `tenant:${tx.tenantId}/${tenant}`, limit: tenant });
  return limits;
}
