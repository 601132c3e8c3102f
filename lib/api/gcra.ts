// The generic cell rate algorithm (GCRA) for "N requests per period": one timestamp per limit, the
// theoretical arrival time (TAT) of the next request. Requests may arrive in a burst of up to N, then
// one per period/N; a request is refused while it would push the TAT more than one period ahead.
// Unlike a fixed window there is no boundary to straddle: N requests at 0:59 and N more at 1:00 get N,
// not 2N. Pure, so the arithmetic is tested with made-up clocks (tests/usage/gcra.test.ts).

export interface GcraRule {
  /** Requests per period, at least 1. */
  limit: number;
  periodMs: number;
}

export type GcraDecision =
  | { allowed: true; /** the TAT to store */ tat: number; remaining: number; /** until the full quota is back */ resetMs: number }
  | { allowed: false; remaining: 0; resetMs: number; /** until one request would be allowed */ retryAfterMs: number };

/** Decides a request at `now` (ms) against a stored TAT (ms; null when the limit has never been used). */
export function gcra(rule: GcraRule, storedTat: number | null, now: number): GcraDecision {
  const interval = rule.periodMs / rule.limit;
  const tat = Math.max(storedTat ?? now, now);
  const next = tat + interval;
  const allowedFrom = next - rule.periodMs;
  if (now < allowedFrom) return { allowed: false, remaining: 0, resetMs: tat - now, retryAfterMs: allowedFrom - now };
  return { allowed: true, tat: next, remaining: Math.floor((now - allowedFrom) / interval), resetMs: next - now };
}
