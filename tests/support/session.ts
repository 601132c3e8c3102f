// Stands in for Auth.js's `auth()` in integration tests: the signed-in user is whoever the test says.
// Everything behind it (actor lookup, permissions, scoped transaction, audit) runs for real.
import type { AuthMethod } from "@/db/schema";

export const currentSession: { user: { id: string; email: string } | null; authMethod: AuthMethod } = {
  user: null,
  authMethod: "magic_link",
};

/** Signs in as `user` (null: signed out); `authMethod` is how the session was opened (default magic link). */
export function signInAs(user: { id: string; email: string } | null, authMethod: AuthMethod = "magic_link") {
  currentSession.user = user;
  currentSession.authMethod = authMethod;
}

/** The session `auth()` answers, shaped like lib/auth.ts's session callback. */
export function mockedSession() {
  return currentSession.user ? { user: currentSession.user, authMethod: currentSession.authMethod } : null;
}
