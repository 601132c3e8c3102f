// Stands in for Auth.js's `auth()` in integration tests: the signed-in user is whoever the test says.
// Everything behind it (actor lookup, permissions, scoped transaction, audit) runs for real.
import { AsyncLocalStorage } from "node:async_hooks";

export const currentSession: { user: { id: string; email: string } | null } = { user: null };

export function signInAs(user: { id: string; email: string } | null) {
  currentSession.user = user;
}

// For parallel calls by different users (concurrency tests): the user is carried by the async
// context, so each call sees its own caller whatever runs alongside it.
const scopedSession = new AsyncLocalStorage<{ id: string; email: string } | null>();

export function actingAs<T>(user: { id: string; email: string } | null, work: () => Promise<T>): Promise<T> {
  return scopedSession.run(user, work);
}

/** Who `auth()` answers for right now: the async context's user if set, else the signed-in one. */
export function sessionUser(): { id: string; email: string } | null {
  const scoped = scopedSession.getStore();
  return scoped === undefined ? currentSession.user : scoped;
}
