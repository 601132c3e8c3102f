// The client address of the request being served, set by server.ts for everything Next.js runs on
// that request's behalf. The store lives on globalThis under a registered symbol because server.ts
// and the Next.js server bundle each load their own copy of this module; both must share one store.
import { AsyncLocalStorage } from "node:async_hooks";

type RequestAddress = { clientAddress: string | null };

const STORE_KEY = Symbol.for("tenantry.request-address");
const globalStore = globalThis as unknown as { [STORE_KEY]?: AsyncLocalStorage<RequestAddress> };
const store = (globalStore[STORE_KEY] ??= new AsyncLocalStorage<RequestAddress>());

/** Runs `work` (the request's handling) with `clientAddress` as its client address. */
export function runWithClientAddress<T>(clientAddress: string | null, work: () => T): T {
  return store.run({ clientAddress }, work);
}

/** The current request's client address; null outside a request served by server.ts. */
export function currentClientAddress(): string | null {
  return store.getStore()?.clientAddress ?? null;
}
