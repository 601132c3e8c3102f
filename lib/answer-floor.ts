// A minimum answer time, so a request's duration cannot tell what happened inside it: the magic-link
// form queues mail only for addresses with an account, which takes a few milliseconds more than not.
import { setTimeout as sleep } from "node:timers/promises";
import { performance } from "node:perf_hooks";

/**
 * How long the magic-link form takes at least. Well above the known-address path under load (the
 * earlier 250 ms floor was exceeded by it at 24 concurrent requests), well below what users notice.
 */
export const MAGIC_LINK_ANSWER_FLOOR_MS = 400;

/** Runs `work` and answers no sooner than `floorMs` after the start, whether it returned or threw. */
export async function withAnswerFloor<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
