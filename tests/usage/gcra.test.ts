// The rate limiter's arithmetic (lib/api/gcra.ts) on made-up clocks: N per minute means a burst of N,
// then one every 60/N s; a refusal says how long until one more would be admitted; and there is no
// window boundary to straddle for twice the limit.
import { describe, expect, it } from "vitest";
import { gcra, type GcraDecision } from "@/lib/api/gcra";

const MINUTE = 60_000;
const rule = { limit: 10, periodMs: MINUTE };

/** Sends requests at the given times (ms) through one limiter; returns how many were admitted. */
function admitted(times: number[], limit = rule): { count: number; decisions: GcraDecision[] } {
  let tat: number | null = null;
  const decisions = times.map((now) => {
    const decision = gcra(limit, tat, now);
    if (decision.allowed) tat = decision.tat;
    return decision;
  });
  return { count: decisions.filter((decision) => decision.allowed).length, decisions };
}

describe("GCRA", () => {
  it("admits a burst of exactly N, counting down what remains, then refuses with the wait for the next one", () => {
    const { count, decisions } = admitted(Array.from({ length: 11 }, () => 0));
    expect(count).toBe(10);
    expect(decisions.slice(0, 10).map((decision) => decision.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(decisions[9]).toMatchObject({ allowed: true, resetMs: MINUTE });
    expect(decisions[10]).toEqual({ allowed: false, remaining: 0, resetMs: MINUTE, retryAfterMs: 6_000 });
  });

  it("admits the next request exactly when Retry-After says, and not a millisecond before", () => {
    const burst = Array.from({ length: 10 }, () => 0);
    expect(admitted([...burst, 5_999]).count).toBe(10);
    expect(admitted([...burst, 6_000]).count).toBe(11);
  });

  it("boundary: N just before a minute boundary and N just after admit N, not the 2N a fixed window would", () => {
    const beforeBoundary = Array.from({ length: 10 }, (_, index) => 59_000 + index * 10);
    const afterBoundary = Array.from({ length: 10 }, (_, index) => 60_000 + index * 100);
    const { count } = admitted([...beforeBoundary, ...afterBoundary, 61_000]);
    // The burst's 10; the next slot opens 6 s after the burst began (at 65 s), after all of these.
    expect(count).toBe(10);
    expect(admitted([...beforeBoundary, ...afterBoundary, 65_000]).count).toBe(11);
  });

  it("over any minute, a client sending as fast as it may gets the burst and then one every 60/N s", () => {
    const everySecond = Array.from({ length: 120 }, (_, second) => second * 1000);
    const { decisions } = admitted(everySecond);
    const inFirstMinute = decisions.slice(0, 60).filter((decision) => decision.allowed).length;
    const inSecondMinute = decisions.slice(60).filter((decision) => decision.allowed).length;
    // The burst of 10 is spent in the first 10 s while slots refill every 6 s: 10 + 9 in the first minute.
    expect(inFirstMinute).toBe(19);
    // From then on the steady rate: exactly N per minute.
    expect(inSecondMinute).toBe(10);
  });

  it("forgets an old TAT: a limiter idle for longer than a period starts with a full burst", () => {
    expect(gcra(rule, 0, 10 * MINUTE)).toEqual({ allowed: true, tat: 10 * MINUTE + 6_000, remaining: 9, resetMs: 6_000 });
  });

  it("a limit of 1 per minute admits one request a minute", () => {
    expect(admitted([0, 1, 59_999, 60_000], { limit: 1, periodMs: MINUTE }).count).toBe(2);
  });
});
