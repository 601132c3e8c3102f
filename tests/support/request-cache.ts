// React's `cache` as it works on the server: one memo per request, keyed by the function and its
// arguments. Outside a React server render `cache` memoises nothing, so a test that renders pages or
// reads the caller as one request does mocks react with it:
//   vi.mock("react", async (importOriginal) => (await import("../support/request-cache")).withRequestCache(await importOriginal()));
// and runs each request in `oneRequest`. Outside `oneRequest`, `cache` memoises nothing, as outside a render.
import { AsyncLocalStorage } from "node:async_hooks";

const requestMemo = new AsyncLocalStorage<Map<unknown, Map<string, unknown>>>();

/** Runs `work` as one request: its cached calls are shared within it and with no other request. */
export function oneRequest<T>(work: () => Promise<T>): Promise<T> {
  return requestMemo.run(new Map(), work);
}

/** React with a `cache` that memoises per request (oneRequest). */
export function withRequestCache<React extends object>(react: React): React {
  const cache = <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      const memo = requestMemo.getStore();
      if (!memo) return fn(...args);
      const calls = memo.get(fn) ?? new Map<string, unknown>();
      memo.set(fn, calls);
      const key = JSON.stringify(args);
      if (!calls.has(key)) calls.set(key, fn(...args));
      return calls.get(key) as R;
    };
  return { ...react, cache, default: { ...react, cache } };
}
