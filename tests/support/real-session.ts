// Stands in for Auth.js's `auth()` with a REAL session: the row a sign-in wrote (by its token), read
// by the adapter's own query and shaped by the app's own session callback (lib/session-payload.ts),
// so what the session may do follows from what the sign-in stored (its method, its SSO tenant).
import { withSystem } from "@/db/scopes";
import { findSessionAndUser } from "@/db/queries/sessions";
import { sessionPayload } from "@/lib/session-payload";

export const browser: { sessionToken: string | null } = { sessionToken: null };

/** The session Auth.js would answer for the browser's cookie: null when none, or expired. */
export async function realSession() {
  const token = browser.sessionToken;
  if (!token) return null;
  const row = await withSystem((tx) => findSessionAndUser(tx, token));
  if (!row || row.session.expires.getTime() <= Date.now()) return null;
  return sessionPayload(row.session, row.user);
}
