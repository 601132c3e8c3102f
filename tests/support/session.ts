// Stands in for Auth.js's `auth()` in integration tests: the signed-in user is whoever the test says.
// Everything behind it (actor lookup, permissions, scoped transaction, audit) runs for real.
export const currentSession: { user: { id: string; email: string } | null } = { user: null };

export function signInAs(user: { id: string; email: string } | null) {
  currentSession.user = user;
}
